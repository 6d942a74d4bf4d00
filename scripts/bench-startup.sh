#!/usr/bin/env bash
# Time from starting `tala` in a terminal (tmux) to its prompt, best and median of N runs.
# Usage: scripts/bench-startup.sh [TALA_BINARY] [RUNS]   (default .build/release/tala, 10)
set -euo pipefail
tala=${1:-.build/release/tala}
runs=${2:-10}
dir=$(mktemp -d)
trap 'for s in "$dir"/sock*; do tmux -S "$s" kill-server 2>/dev/null || true; done; rm -rf "$dir"' EXIT
times=()
for ((i = 0; i < runs; i++)); do
  start=$(date +%s%N)
  tmux -S "$dir/sock$i" -f /dev/null new-session -d -s t -x 120 -y 30 \
    "env XDG_STATE_HOME=$dir $tala --no-audio --no-targets"
  found=0
  for ((k = 0; k < 2000; k++)); do
    if tmux -S "$dir/sock$i" capture-pane -p -t t | grep -q 'cps> *$'; then found=1; break; fi
  done
  end=$(date +%s%N)
  tmux -S "$dir/sock$i" kill-server 2>/dev/null || true
  ((found)) || { echo "no prompt after $k polls" >&2; exit 1; }
  times+=($(((end - start) / 1000000)))
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
echo "tala prompt after start: best ${sorted[0]} ms, median ${sorted[$((runs / 2))]} ms over $runs runs (includes tmux start and polling)"
