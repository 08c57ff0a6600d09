#!/usr/bin/env bash
# Context switches per second of each thread of a process (voluntary + involuntary, /proc/<pid>/task/*/status):
# how often each one wakes. Usage: thread-wakeups.sh <pid> [seconds, default 20]
set -u
pid=$1; window=${2:-20}
switches() { awk '/voluntary_ctxt_switches/ { s += $2 } END { print s + 0 }' "$1/status" 2>/dev/null || echo 0; }
declare -A before
for t in /proc/$pid/task/*; do before[$t]=$(switches "$t"); done
sleep "$window"
for t in /proc/$pid/task/*; do
  d=$(( $(switches "$t") - ${before[$t]:-0} ))
  [ "$d" -gt 0 ] && printf "%-20s %6d per s\n" "$(cat "$t/comm" 2>/dev/null)" $(( d / window ))
done | sort -k2 -n -r
