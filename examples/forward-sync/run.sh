#!/usr/bin/env bash
# The forward-synchronization experiment (Schmeder, Freed & Wessel 2010), with numbers.
#
#   run.sh [--seconds S] [--delay-ms 20] [--jitter-ms 10] [--offset-ms 30] [--out DIR] [--tala PATH]
#
# Two Tala hosts in network namespaces this script creates (A sends, B receives), joined through
# a third namespace R where a user-space relay delays every datagram by delay ± jitter (seeded).
# No traffic leaves the machine; the namespaces are deleted on exit. Needs root (ip netns).
#
# Cases, each playing examples/forward-sync/steady.tala for S seconds:
#   (a) immediate mode: no timetags, B plays on arrival
#   (b) bundles with a latency smaller than the jitter
#   (c) bundles with the latency `tala sync` recommends
#   (d) (c), but B's clock is --offset-ms ahead and A does not sync
#   (e) (d) with sync on: A measures B's clock and stamps in it
# The sender plans with --lookahead 0.01 (one frame), so the latency alone is the head start
# each bundle gets.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
seconds=8 delay=20 jitter=10 offset=30 out="" tala="$root/.build/release/tala"
while (($#)); do
  case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    --delay-ms) delay=$2; shift 2 ;;
    --jitter-ms) jitter=$2; shift 2 ;;
    --offset-ms) offset=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --tala) tala=$2; shift 2 ;;
    *) echo "usage: $0 [--seconds S] [--delay-ms D] [--jitter-ms J] [--offset-ms O] [--out DIR] [--tala PATH]" >&2; exit 2 ;;
  esac
done
[ -x "$tala" ] || { echo "no tala at $tala (make demo-forward-sync builds it)" >&2; exit 1; }
[ "$(id -u)" = 0 ] || { echo "the experiment creates network namespaces: run it as root" >&2; exit 1; }
out=${out:-$(mktemp -d /tmp/tala-forward-sync.XXXXXX)}
mkdir -p "$out"

# Short unique names (interface names are limited to 15 characters).
tag=$$
A=tfs-a-$tag R=tfs-r-$tag B=tfs-b-$tag
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  sleep 0.2
  # Whatever ignored that (a blocked signal mask is inherited) does not outlive the run.
  for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  for ns in "$A" "$R" "$B"; do ip netns del "$ns" 2>/dev/null || true; done
}
trap cleanup EXIT

for ns in "$A" "$R" "$B"; do ip netns add "$ns"; ip -n "$ns" link set lo up; done
ip link add "va$tag" type veth peer name "vra$tag"
ip link add "vb$tag" type veth peer name "vrb$tag"
ip link set "va$tag" netns "$A"; ip link set "vra$tag" netns "$R"
ip link set "vb$tag" netns "$B"; ip link set "vrb$tag" netns "$R"
ip -n "$A" addr add 10.77.1.1/24 dev "va$tag"; ip -n "$A" link set "va$tag" up
ip -n "$R" addr add 10.77.1.2/24 dev "vra$tag"; ip -n "$R" link set "vra$tag" up
ip -n "$R" addr add 10.77.2.2/24 dev "vrb$tag"; ip -n "$R" link set "vrb$tag" up
ip -n "$B" addr add 10.77.2.1/24 dev "vb$tag"; ip -n "$B" link set "vb$tag" up

# Bounded even if this script is killed without its cleanup: six phases of the case length.
ip netns exec "$R" python3 "$here/relay.py" 10.77.1.2:9000 10.77.2.1:8000 --bind 10.77.2.2 \
  --delay-ms "$delay" --jitter-ms "$jitter" --seed 1 --seconds "$((6 * (seconds + 10)))" 2>"$out/relay.log" &
pids+=($!)
sleep 0.3

# Receiver on B for one case: tala listen, logging when it executes each event.
listen() { # name clock-offset-seconds
  ip netns exec "$B" "$tala" listen --host 10.77.2.1 --port 8000 --no-audio --late play \
    --clock-offset "$2" --log "$out/$1.listen.jsonl" --seconds "$((seconds + 4))" 2>"$out/$1.listen.err" &
  listen_pid=$!
  pids+=("$listen_pid")
  sleep 0.3
}

# One case: B listening, a capture on A (same latency, no relay) for the intended times, A playing.
play() { # name target-options clock-offset-seconds
  local name=$1 options=$2 skew=$3 latency
  latency=$(sed -n 's/.*latency=\([0-9.]*\).*/\1/p' <<<"$options")
  listen "$name" "$skew"
  ip netns exec "$A" "$tala" monitor --json 9100 --seconds "$((seconds + 4))" >"$out/$name.cap.jsonl" 2>/dev/null &
  local monitor_pid=$!
  pids+=("$monitor_pid")
  sleep 0.2
  ip netns exec "$A" "$tala" run "$here/steady.tala" --seconds "$((seconds + 2))" --no-audio --lookahead 0.01 \
    --target "b 10.77.1.2:9000 format=superdirt $options" \
    --target "cap 127.0.0.1:9100 format=superdirt latency=${latency:-0}" >"$out/$name.run.out" 2>"$out/$name.run.err"
  sleep 0.5
  kill -INT "$listen_pid" "$monitor_pid" 2>/dev/null || true
  wait "$listen_pid" "$monitor_pid" 2>/dev/null || true
  echo "  $name done" >&2
}

echo "forward-sync experiment: relay delay ${delay} ms ± ${jitter} ms, ${seconds} s per case, output in $out" >&2
listen sync 0
ip netns exec "$A" "$tala" sync 10.77.1.2:9000 --seconds 5 >"$out/sync.txt" 2>&1 || true
kill -INT "$listen_pid" 2>/dev/null || true
wait "$listen_pid" 2>/dev/null || true
recommended=$(sed -n 's/^recommended latency \([0-9.]*\) ms$/\1/p' "$out/sync.txt")
[ -n "$recommended" ] || { echo "tala sync gave no recommendation:" >&2; cat "$out/sync.txt" >&2; exit 1; }
latency_c=$(python3 -c "print(round($recommended / 1000, 6))")
small=$(python3 -c "print(round(max(0.001, $jitter / 4000), 6))")
skew=$(python3 -c "print($offset / 1000)")
echo "  tala sync recommends ${recommended} ms" >&2

play "a-immediate" "mode=immediate latency=0" 0
play "b-bundle-latency-${small}s" "latency=$small" 0
play "c-bundle-latency-${latency_c}s" "latency=$latency_c" 0
play "d-clock-${offset}ms-ahead-no-sync" "latency=$latency_c" "$skew"
play "e-clock-${offset}ms-ahead-sync-on" "latency=$latency_c sync=on" "$skew"

{
  echo "relay: delay ${delay} ms ± ${jitter} ms (uniform, seed 1); ${seconds} s per case; 8 events per second"
  echo
  sed -n '/^exchanges/,$p' "$out/sync.txt"
  echo
  python3 "$here/analyze.py" "$out" "a-immediate" "b-bundle-latency-${small}s" "c-bundle-latency-${latency_c}s" \
    "d-clock-${offset}ms-ahead-no-sync" "e-clock-${offset}ms-ahead-sync-on"
} | tee "$out/results.txt"
