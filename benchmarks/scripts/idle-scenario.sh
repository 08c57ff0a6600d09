#!/usr/bin/env bash
# Idle CPU of Aeolus processes, all measured in the same 60 s window: a broker without clients, a broker with one
# idle IPC and one idle UDP client, and those two clients (IdleClient). Each broker and client is its own JVM; the
# measurement starts once every one of them is up, after 30 s of warm-up (idle-cpu.sh).
# Usage: idle-scenario.sh <aeolus-perf.jar> <label> <free UDP port>; results in /tmp/aeolus-idle-<label>/*.txt
set -u
jar=$1; label=$2; port=$3
here=$(cd "$(dirname "$0")" && pwd)
out=/tmp/aeolus-idle-$label; rm -rf "$out"; mkdir -p "$out"
shm=/dev/shm/aeolus-idle-$label
J="java --add-exports java.base/jdk.internal.misc=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED -Xmx256m -cp $jar"
await() { for _ in $(seq 1 240); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 1; done; echo "no '$2' in $1"; }
$J io.aeolus.broker.BrokerMain --dev -d "$out/d1" -a "$shm-1" -e none > "$out/b1.log" 2>&1 & b1=$!
$J io.aeolus.broker.BrokerMain --dev -d "$out/d2" -a "$shm-2" -e "127.0.0.1:$port" > "$out/b2.log" 2>&1 & b2=$!
await "$out/b1.log" listening; await "$out/b2.log" listening
$J io.aeolus.benchmarks.perf.IdleClient "aeolus:ipc?aeronDir=$shm-2" 400 > "$out/c1.log" 2>&1 & c1=$!
$J io.aeolus.benchmarks.perf.IdleClient "aeolus:udp://127.0.0.1:$port" 400 > "$out/c2.log" 2>&1 & c2=$!
await "$out/c1.log" IDLE-CLIENT; await "$out/c2.log" IDLE-CLIENT
echo "load-start $(cat /proc/loadavg)" > "$out/load"
"$here/idle-cpu.sh" $b1 60 30 > "$out/broker-noclients.txt" & m1=$!
"$here/idle-cpu.sh" $b2 60 30 > "$out/broker-2clients.txt" & m2=$!
"$here/idle-cpu.sh" $c1 60 30 > "$out/client-ipc.txt" & m3=$!
"$here/idle-cpu.sh" $c2 60 30 > "$out/client-udp.txt" & m4=$!
wait $m1 $m2 $m3 $m4
echo "load-end $(cat /proc/loadavg)" >> "$out/load"
kill $c1 $c2 $b1 $b2 2>/dev/null; wait $b1 $b2 $c1 $c2 2>/dev/null
rm -rf "$shm-1" "$shm-2" "$shm-1.lock" "$shm-2.lock"
head -4 "$out"/*.txt "$out/load"
