#!/usr/bin/env bash
# Two Tala peers sharing tempo and phase through Ableton Link, measured.
#
#   run.sh [--seconds S] [--veth] [--leave] [--startstop] [--out DIR] [--tala PATH]
#
# Link multicasts on every interface it sees, so everything runs inside network namespaces this
# script creates (names unique to the run) and deletes on exit, failure included. Needs root.
#   default   both peers in one namespace (loopback only)
#   --veth    one peer in each of two namespaces joined by a veth pair ("two machines")
#   --leave   peer B leaves half way; A must keep the tempo and keep playing
#   --startstop  both follow Link's transport; A stops it at S/3 and starts it at 2S/3 (no
#             tempo changes): both must fall silent and come back on the same cycle
# Both play  d1 $ s "bd*4"  to a `tala monitor` capture (superdirt format, 0.1 s latency).
# A sets cps 0.7 at S/3, B sets cps 0.9 at 2S/3 (unless it has left). analyze.py pairs the two
# captures and prints tempo agreement and the phase offset p50/p99 between the peers.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
seconds=10 veth=0 leave=0 startstop=0 out="" tala="$root/.build/release/tala"
while (($#)); do
  case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    --veth) veth=1; shift ;;
    --leave) leave=1; shift ;;
    --startstop) startstop=1; shift ;;
    --out) out=$2; shift 2 ;;
    --tala) tala=$2; shift 2 ;;
    *) echo "usage: $0 [--seconds S] [--veth] [--leave] [--startstop] [--out DIR] [--tala PATH]" >&2; exit 2 ;;
  esac
done
[ -x "$tala" ] || { echo "no tala at $tala (make demo-link builds it)" >&2; exit 1; }
[ "$(id -u)" = 0 ] || { echo "the demo creates network namespaces: run it as root" >&2; exit 1; }
out=${out:-$(mktemp -d /tmp/tala-link.XXXXXX)}
mkdir -p "$out"

tag=$$$RANDOM
A=tlk-a-$tag B=tlk-b-$tag
[ "$veth" = 1 ] || B=$A
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  sleep 0.2
  for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  ip netns del "$A" 2>/dev/null || true
  [ "$B" = "$A" ] || ip netns del "$B" 2>/dev/null || true
}
trap cleanup EXIT

ip netns add "$A"; ip -n "$A" link set lo up
if [ "$veth" = 1 ]; then
  ip netns add "$B"; ip -n "$B" link set lo up
  ip link add "tla$tag" type veth peer name "tlb$tag"
  ip link set "tla$tag" netns "$A"; ip link set "tlb$tag" netns "$B"
  ip -n "$A" addr add 10.78.1.1/24 dev "tla$tag"; ip -n "$A" link set "tla$tag" up
  ip -n "$B" addr add 10.78.1.2/24 dev "tlb$tag"; ip -n "$B" link set "tlb$tag" up
fi

third=$(python3 -c "print(round($seconds / 3, 3))")
half=$(python3 -c "print(round($seconds / 2, 3))")
cat >"$out/a.tala" <<TALA
:link on
d1 \$ s "bd*4"
:wait ${third}s
setcps 0.7
:wait ${third}s
:link
TALA
if [ "$startstop" = 1 ]; then
  b_seconds=$seconds
  printf 'setcps 1\n:link on\n:link startstop on\n:link start\nd1 $ s "bd*4"\n:wait %ss\n:link stop\n:wait %ss\n:link start\n' \
    "$third" "$third" >"$out/a.tala"
  printf ':link on\n:link startstop on\nd1 $ s "bd*4"\n' >"$out/b.tala"
elif [ "$leave" = 1 ]; then
  b_seconds=$half
  printf ':link on\nd1 $ s "bd*4"\n' >"$out/b.tala"
else
  b_seconds=$seconds
  printf ':link on\nd1 $ s "bd*4"\n:wait %ss\nsetcps 0.9\n:wait %ss\n:link\n' \
    "$(python3 -c "print(round(2 * $seconds / 3 - 0.3, 3))")" "$third" >"$out/b.tala"
fi

capture() { # namespace port file
  ip netns exec "$1" "$tala" monitor --json "$2" --seconds "$((${seconds%.*} + 5))" >"$3" 2>/dev/null &
  pids+=($!)
}
capture "$A" 9201 "$out/a.jsonl"
capture "$B" 9202 "$out/b.jsonl"
sleep 0.3
ip netns exec "$A" "$tala" run "$out/a.tala" --seconds "$seconds" --no-audio \
  --target "cap 127.0.0.1:9201 format=superdirt latency=0.1" >"$out/a.out" 2>&1 &
a_pid=$!
pids+=("$a_pid")
sleep 0.3
ip netns exec "$B" "$tala" run "$out/b.tala" --seconds "$b_seconds" --no-audio \
  --target "cap 127.0.0.1:9202 format=superdirt latency=0.1" >"$out/b.out" 2>&1 &
b_pid=$!
pids+=("$b_pid")
status=0
wait "$a_pid" || status=$?
wait "$b_pid" || status=$?
sleep 0.3
[ "$status" = 0 ] || { echo "a tala run failed ($status):" >&2; cat "$out/a.out" "$out/b.out" >&2; exit 1; }

mode="one namespace"
[ "$veth" = 1 ] && mode="two namespaces joined by veth"
[ "$leave" = 1 ] && mode="$mode, B leaves at ${half} s"
[ "$startstop" = 1 ] && mode="$mode, start/stop sync: A stops the transport at ${third} s and starts it again"
echo "Ableton Link, two Tala peers ($mode), ${seconds} s; output in $out"
extra=()
[ "$leave" = 1 ] && extra=(--after-leave)
[ "$startstop" = 1 ] && extra=(--gaps)
python3 "$here/analyze.py" "$out/a.jsonl" "$out/b.jsonl" --json "$out/results.json" "${extra[@]}" | tee "$out/results.txt"
