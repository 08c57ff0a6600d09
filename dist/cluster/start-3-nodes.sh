#!/usr/bin/env bash
# Starts a 3-member broker group on this machine (README, "A 3-node group"): members 0, 1 and 2 on ports 9000,
# 9100 and 9200 (each uses its port and the next four), data under ./aeolus-group/member-N, logs in
# ./aeolus-group/member-N.log. Clients connect with aeolus:cluster://127.0.0.1:9000,127.0.0.1:9100,127.0.0.1:9200.
# Stop it with Ctrl-C (every member gets SIGTERM). Extra arguments go to each member's JVM (e.g. -Daeolus.cluster.log.fsync=true).
# Security is on: at the first start the script creates one users file for all three, ./aeolus-group/users, with the
# user admin (role admin) and a random password, which it writes to ./aeolus-group/admin.password (owner-only).
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
users="$base/users"
if [[ ! -f "$users" ]]; then
    ( umask 077; head -c 18 /dev/urandom | base64 | tr '+/' '-_' >"$base/admin.password" )
    java --add-exports java.base/jdk.internal.misc=ALL-UNNAMED -cp "$jar" io.aeolus.broker.BrokerMain \
        user add admin --roles admin --users-file "$users" --password-file "$base/admin.password" >/dev/null
    echo "created $users with the user admin; its password is in $base/admin.password"
fi
pids=()
stop() {
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    wait
}
trap stop INT TERM
for id in 0 1 2; do
    java -Daeolus.broker.security.users.file="$users" "$@" -jar "$jar" --members "$members" --member-id "$id" --data-dir "$base/member-$id" \
        >"$base/member-$id.log" 2>&1 &
    pids+=("$!")
    echo "member $id: pid $!, log $base/member-$id.log"
done
echo "clients connect with aeolus:cluster://$members (Ctrl-C stops the group)"
wait
