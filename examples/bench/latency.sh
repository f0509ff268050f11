#!/usr/bin/env bash
# Latency side by side: the hand-written rooms (BaselineRoom, and BaselineChatRoom for the chat
# line) and Switchboard, same client (switchboard bench), warm servers, runs interleaved. Prints
# every run and a table of medians. See docs/performance.md ("Latency").
#
# Servers: the baseline room; the baseline chat room (SQLite on disk); `switchboard dev` with SQLite on disk and --hibernate-after 1s (for
# wake); `switchboard dev` with SQLite on disk and the default 10 s (everything else, and wake
# without hibernation). Each point uses a fresh room per repetition.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

REPS=${REPS:-3}
JAR=${JAR:-cli/target/switchboard.jar}
OUT=${OUT:-target/latency}
if [ "${BUILD:-1}" = 1 ]; then
  mvn -B -ntp -q -DskipTests package
fi
mkdir -p "$OUT"
state=$(mktemp -d)
pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$state"; }
trap cleanup EXIT

start() { # NAME ARGS... ; starts a server in the background (not in a subshell, so cleanup stops it)
  local log="$OUT/$1.log"; shift
  java -Xms256m -Xmx256m -jar "$JAR" "$@" > "$log" 2>&1 &
  pids+=($!)
}
address() { # NAME ; prints host:port once the server listens
  local log="$OUT/$1.log"
  for _ in $(seq 1 100); do
    if grep -qo '127.0.0.1:[0-9]*' "$log"; then grep -o '127.0.0.1:[0-9]*' "$log" | head -1; return; fi
    sleep 0.1
  done
  echo "server $log did not start" >&2; exit 1
}
start baseline bench --baseline --port 0
start_chat() { # the hand-written chat room is a class in the jar, not a command
  java -Xms256m -Xmx256m -cp "$JAR" dev.switchboard.cli.bench.BaselineChatRoom "$state/c" 0 > "$OUT/chat.log" 2>&1 &
  pids+=($!)
}
start_chat
start hibernating dev --port 0 --persist-to "$state/h" --hibernate-after 1s
start switchboard dev --port 0 --persist-to "$state/s"
B=$(address baseline)
C=$(address chat)
H=$(address hibernating)
S=$(address switchboard)
echo "baseline $B, baseline chat room $C, switchboard $S, switchboard with --hibernate-after 1s $H; load $(cut -d' ' -f1-3 /proc/loadavg)"

CHAT='{"type":"chat","text":"{stamp}"}'
newobjects() { # LABEL HOST:PORT PREFIX ; 1,000 POSTs that each create a counter, 16 in flight; prints a JSON line
  local cfg="$OUT/urls.txt"; : > "$cfg"
  for i in $(seq 1 1000); do printf 'url = "http://%s/counter/%s-%d"\nrequest = "POST"\noutput = "/dev/null"\n' "$2" "$3" "$i" >> "$cfg"; done
  local t0 t1; t0=$(date +%s%N); curl -s --no-progress-meter --parallel --parallel-max 16 -K "$cfg"; t1=$(date +%s%N)
  echo "{\"point\":\"$1\",\"seconds\":$(( (t1 - t0) / 1000000 ))e-3}"
}
bench() { java -jar "$JAR" bench "$@" --json; }
# Warm every server alike before measuring: the wake points compare two Switchboard servers, and a
# server that has served less traffic runs more of the shared code paths in the interpreter. The
# rooms runs message each of 300 rooms every 1.5 s: on the hibernating server every such message
# wakes its room, so its wake path is compiled as on a server that has run a while (3,000 wakes).
# The new-objects point is warmed the same way: NEWOBJ_WARM rounds of 1,000 new counters first (24
# by default). On two cores the JIT's one C2 thread is still compiling the new-object path long
# after the first rounds: a flight recording of the compilations showed about a second of C2 time
# per second until some 13,000 new objects, and -XX:+PrintCompilation still up to 59 C2
# compilations a round up to 24,000; a round measured while it compiles reads the compiler's CPU.
for server in "$S" "$H"; do
  bench "ws://$server/broadcast/warm/ws" echo --count 20000 --warmup 1000 > /dev/null
  bench "ws://$server/room/warm/ws?user=u" echo --count 5000 --warmup 1000 --message "$CHAT" > /dev/null
  bench "ws://$server/broadcast/{room}/ws" rooms --rooms 300 --sockets 1 --rate 200 --count 3000 --duration 30s \
    --warmup 300 > /dev/null
  bench "ws://$server/room/{room}/ws?user=u" rooms --rooms 300 --sockets 1 --rate 200 --count 3000 --duration 30s \
    --warmup 300 --message "$CHAT" > /dev/null
done
for w in $(seq 1 "${NEWOBJ_WARM:-24}"); do newobjects warm "$S" "warm$w" > /dev/null; done
bench "ws://$B/warm/ws" echo --count 20000 --warmup 1000 > /dev/null
bench "ws://$C/room/warm/ws?user=u" echo --count 7000 --warmup 1000 --message "$CHAT" > /dev/null
echo "servers warmed; load $(cut -d' ' -f1-3 /proc/loadavg)"
point() { # LABEL ARGS... ; one JSON line per run into the results file
  local label=$1; shift
  echo "{\"point\":\"$label\",\"result\":$(bench "$@")}" >> "$OUT/runs.jsonl"
}
: > "$OUT/runs.jsonl"
for r in $(seq 1 "$REPS"); do
  point "echo back to back, baseline"    "ws://$B/e$r/ws" echo --count 5000 --warmup 5000
  point "echo back to back, switchboard" "ws://$S/broadcast/e$r/ws" echo --count 5000 --warmup 5000
  point "echo 100/s, baseline"           "ws://$B/r$r/ws" echo --rate 100 --count 500 --warmup 3000
  point "echo 100/s, switchboard"        "ws://$S/broadcast/r$r/ws" echo --rate 100 --count 500 --warmup 3000
  point "chat 100/s, baseline"           "ws://$C/room/c$r/ws?user=u" echo --rate 100 --count 500 --warmup 3000 --message "$CHAT"
  point "chat 100/s, switchboard"        "ws://$S/room/c$r/ws?user=u" echo --rate 100 --count 500 --warmup 3000 --message "$CHAT"
  point "wake broadcast, hibernated"     "ws://$H/broadcast/w$r/ws" wake --idle 1200ms --count 8 --warmup 200
  point "wake broadcast, not hibernated" "ws://$S/broadcast/w$r/ws" wake --idle 1200ms --count 8 --warmup 200
  point "wake chat, hibernated"          "ws://$H/room/w$r/ws?user=u" wake --idle 1200ms --count 8 --warmup 200 --message "$CHAT"
  point "wake chat, not hibernated"      "ws://$S/room/w$r/ws?user=u" wake --idle 1200ms --count 8 --warmup 200 --message "$CHAT"
  newobjects "1,000 new objects, 16 in flight (s)" "$S" "n$r" >> "$OUT/runs.jsonl"
  echo "repetition $r done; load $(cut -d' ' -f1-3 /proc/loadavg)"
done
python3 - "$OUT/runs.jsonl" <<'PY'
import json, statistics, sys
runs = {}
for line in open(sys.argv[1]):
    row = json.loads(line)
    runs.setdefault(row["point"], []).append(row)
print(f"{'point':40} {'p50 ms (runs)':34} {'p99 ms (runs)':34}")
for point, rows in runs.items():
    if "seconds" in rows[0]:
        s = [r["seconds"] for r in rows]
        print(f"{point:40} {statistics.median(s):.2f} s  {s}")
        continue
    p50 = [r["result"]["latencyMs"]["p50"] for r in rows]
    p99 = [r["result"]["latencyMs"]["p99"] for r in rows]
    print(f"{point:40} {statistics.median(p50):6.3f} {str(p50):27} {statistics.median(p99):6.3f} {p99}")
PY
