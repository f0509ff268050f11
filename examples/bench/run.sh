#!/usr/bin/env bash
# Broadcast benchmark: a hand-written Undertow room (BaselineRoom) against Switchboard's
# BroadcastRoom, same load client, same parameters, fresh server JVM per run, runs interleaved.
# Prints a RESULT line per run and a table of medians. See docs/performance.md.
#
#   examples/bench/run.sh                 # N=100 sockets, S=4 senders, M=2000 messages, 3 reps
#   REPS=5 RATE=1500 examples/bench/run.sh
#   JFR=1 examples/bench/run.sh           # also record each server with JFR into $OUT/*.jfr
#   BUILD=0 examples/bench/run.sh         # reuse cli/target/switchboard.jar
#   JARS="before:/tmp/old/switchboard.jar after:cli/target/switchboard.jar" BASELINE=0 examples/bench/run.sh
#                                         # A/B two builds of Switchboard, interleaved, no baseline
set -euo pipefail
cd "$(dirname "$0")/../.."

SOCKETS=${SOCKETS:-100}
SENDERS=${SENDERS:-4}
MESSAGES=${MESSAGES:-2000}
WARMUP=${WARMUP:-1000}
RATE=${RATE:-1000}          # messages per second, all senders together
SIZE=${SIZE:-64}
REPS=${REPS:-3}
SERVER_OPTS=${SERVER_OPTS:--Xms256m -Xmx256m}
OUT=${OUT:-target/bench}
JARS=${JARS:-switchboard:cli/target/switchboard.jar}   # label:jar, space-separated
BASELINE=${BASELINE:-1}

if [[ "${BUILD:-1}" == 1 ]]; then
    mvn -B -ntp -q -DskipTests package
fi
mkdir -p "$OUT"
CP=cli/target/switchboard.jar   # the room, the load client and Undertow 2.4.4, all in the shaded jar
RESULTS="$OUT/results.txt"
: > "$RESULTS"

# Servers listen on port 0 and print their address: a fixed port may belong to someone else's
# server on a shared machine, and the client would then load the wrong process.
wait_port() { # pid log -> prints the port the server printed
    for _ in $(seq 300); do
        kill -0 "$1" 2>/dev/null || { echo "server $1 died: $(cat "$2")" >&2; return 1; }
        local port
        port=$(grep -o '127\.0\.0\.1:[0-9]*' "$2" | head -1 | cut -d: -f2 || true)
        [[ -n "$port" ]] && { echo "$port"; return 0; }
        sleep 0.1
    done
    echo "server $1 printed no address: $(cat "$2")" >&2
    return 1
}

run_one() { # name path server-command...
    local name=$1 path=$2
    shift 2
    local jfr=()
    if [[ "${JFR:-0}" == 1 ]]; then
        jfr=("-XX:StartFlightRecording=filename=$OUT/$name-$rep.jfr,settings=profile")
    fi
    java $SERVER_OPTS "${jfr[@]}" "$@" > "$OUT/$name-$rep.log" 2>&1 &
    local pid=$! port
    port=$(wait_port "$pid" "$OUT/$name-$rep.log")
    local url="ws://127.0.0.1:$port$path"
    echo "# $name rep $rep, uptime: $(uptime)" >&2
    java -cp "$CP" dev.switchboard.cli.bench.BroadcastBench --url "$url" --pid "$pid" \
        --sockets "$SOCKETS" --senders "$SENDERS" --messages "$MESSAGES" --warmup "$WARMUP" \
        --rate "$RATE" --size "$SIZE" --name "$name" | tee -a "$RESULTS"
    kill "$pid"
    wait "$pid" 2>/dev/null || true
}

for rep in $(seq "$REPS"); do
    if [[ "$BASELINE" == 1 ]]; then
        run_one baseline / -cp "$CP" dev.switchboard.cli.bench.BaselineRoom 0
    fi
    for entry in $JARS; do
        run_one "${entry%%:*}" /broadcast/bench/ws -jar "${entry#*:}" dev --port 0 --in-memory
    done
done

# Medians per server: µs of server CPU per delivered frame, and client-observed frames/s.
awk '
function field(k,   i, kv) { for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == k) return kv[2] } }
function median(list, n,   a, i, j, t) {
    split(list, a, " "); for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
/^RESULT/ { n = field("name"); c[n]++; us[n] = us[n] " " field("us_per_frame"); fps[n] = fps[n] " " field("frames_per_s")
            usr[n] = usr[n] " " field("user_ms"); sys[n] = sys[n] " " field("sys_ms"); if (field("complete") != "true") bad[n]++ }
END {
    printf "%-12s %5s %18s %12s %10s %10s %s\n", "server", "runs", "us_cpu/frame(med)", "frames/s", "user_ms", "sys_ms", "all us/frame"
    for (n in c) printf "%-12s %5d %18.2f %12.0f %10.0f %10.0f %s%s\n", n, c[n], median(us[n], c[n]), median(fps[n], c[n]),
        median(usr[n], c[n]), median(sys[n], c[n]), us[n], (bad[n] ? "  INCOMPLETE RUNS: " bad[n] : "")
    if (c["baseline"]) for (n in c) if (n != "baseline")
        printf "ratio %s/baseline (medians): %.2f  (goal <= 1.25)\n", n, median(us[n], c[n]) / median(us["baseline"], c["baseline"])
}' "$RESULTS"
echo "params: sockets=$SOCKETS senders=$SENDERS messages=$MESSAGES warmup=$WARMUP rate=$RATE size=$SIZE reps=$REPS server_opts='$SERVER_OPTS'"
echo "after: $(uptime)"
