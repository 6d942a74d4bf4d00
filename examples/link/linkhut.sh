#!/usr/bin/env bash
# Tala following an outside Link peer: Ableton's LinkHut (ableton-link-utils), on a dummy JACK
# server, driven through tmux keys, all inside a network namespace this script creates and
# deletes on exit (failure included). Needs root, tmux, jackd and LinkHut.
#
#   linkhut.sh [--seconds S] [--out DIR] [--tala PATH]
#
# LinkHut enables Link at 120 bpm; Tala joins with :link on and plays bd*4 to a capture; after
# S/3 LinkHut's tempo goes up 10 bpm (key e, ten times). Writes results.json: the tempi Tala
# played (SuperDirt's cps), LinkHut's last tempo and peer count from its screen, and the largest
# gap between Tala's events against their spacing.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
seconds=8 out="" tala="$root/.build/release/tala"
while (($#)); do
  case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --tala) tala=$2; shift 2 ;;
    *) echo "usage: $0 [--seconds S] [--out DIR] [--tala PATH]" >&2; exit 2 ;;
  esac
done
[ -x "$tala" ] || { echo "no tala at $tala" >&2; exit 1; }
[ "$(id -u)" = 0 ] || { echo "this creates a network namespace: run it as root" >&2; exit 1; }
for tool in tmux jackd LinkHut; do
  command -v "$tool" >/dev/null || { echo "needs $tool (make deps)" >&2; exit 1; }
done
out=${out:-$(mktemp -d /tmp/tala-linkhut.XXXXXX)}
mkdir -p "$out"
tag=$$$RANDOM
NS=tlh-$tag
session=tala-linkhut-$tag
# A JACK server of our own name, so no other JACK user on the machine is disturbed.
export JACK_DEFAULT_SERVER=tala-$tag
pids=()
cleanup() {
  tmux send-keys -t "$session" q 2>/dev/null || true
  sleep 0.3
  if [ -s "$out/linkhut.pid" ]; then pids+=("$(cat "$out/linkhut.pid")"); fi
  tmux kill-session -t "$session" 2>/dev/null || true
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  sleep 0.3
  for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  ip netns del "$NS" 2>/dev/null || true
}
trap cleanup EXIT

ip netns add "$NS"
ip -n "$NS" link set lo up
ip netns exec "$NS" jackd -n "$JACK_DEFAULT_SERVER" --no-realtime -d dummy -r 48000 -p 256 >"$out/jackd.log" 2>&1 &
pids+=($!)
sleep 1
# The pane's shell writes its PID and becomes LinkHut (exec), so cleanup can end it by PID:
# LinkHut ignores the hangup a closing tmux session sends.
tmux new-session -d -s "$session" -x 120 -y 20 \
  "echo \$\$ >$out/linkhut.pid; exec ip netns exec $NS env JACK_DEFAULT_SERVER=$JACK_DEFAULT_SERVER LinkHut 2>$out/linkhut.err"
sleep 1
tmux send-keys -t "$session" a
sleep 0.5

ip netns exec "$NS" "$tala" monitor --json 9301 --seconds "$((${seconds%.*} + 4))" >"$out/tala.jsonl" 2>/dev/null &
pids+=($!)
sleep 0.3
printf ':link on\nd1 $ s "bd*4"\n' >"$out/tala.tala"
ip netns exec "$NS" "$tala" run "$out/tala.tala" --seconds "$seconds" --no-audio \
  --target "cap 127.0.0.1:9301 format=superdirt latency=0.1" >"$out/tala.out" 2>&1 &
tala_pid=$!
pids+=("$tala_pid")
sleep "$(python3 -c "print($seconds / 3)")"
for _ in 1 2 3 4 5 6 7 8 9 10; do
  tmux send-keys -t "$session" e
  sleep 0.05
done
sleep 0.5
tmux capture-pane -p -t "$session" >"$out/linkhut.screen"
wait "$tala_pid"
sleep 0.3

python3 "$here/analyze.py" --hut "$out/tala.jsonl" "$out/linkhut.screen" --json "$out/results.json" | tee "$out/results.txt"
