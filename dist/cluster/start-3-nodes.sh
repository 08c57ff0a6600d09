#!/usr/bin/env bash
# Starts a 3-member broker group on this machine (README, "A 3-node group"): members 0, 1 and 2 on ports 9000,
# 9100 and 9200 (each uses its port and the next four), data under ./aeolus-group/member-N, logs in
# ./aeolus-group/member-N.log. Clients connect with aeolus:cluster://127.0.0.1:9000,127.0.0.1:9100,127.0.0.1:9200.
# Stop it with Ctrl-C (every member gets SIGTERM). Extra arguments go to each member's JVM (e.g. -Daeolus.cluster.log.fsync=true).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jar="${AEOLUS_CLUSTER_JAR:-$here/../../cluster/target/aeolus-cluster.jar}"
base="${AEOLUS_GROUP_DIR:-./aeolus-group}"
members="127.0.0.1:9000,127.0.0.1:9100,127.0.0.1:9200"
if [[ ! -f "$jar" ]]; then
    echo "start-3-nodes: $jar not found: build first (mvn -B -q install -DskipTests)" >&2
    exit 1
fi
mkdir -p "$base"
pids=()
stop() {
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    wait
}
trap stop INT TERM
for id in 0 1 2; do
    java "$@" -jar "$jar" --members "$members" --member-id "$id" --data-dir "$base/member-$id" \
        >"$base/member-$id.log" 2>&1 &
    pids+=("$!")
    echo "member $id: pid $!, log $base/member-$id.log"
done
echo "clients connect with aeolus:cluster://$members (Ctrl-C stops the group)"
wait
