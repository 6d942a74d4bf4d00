#!/usr/bin/env bash
# Time from starting `tala` in a terminal (tmux) to its prompt, best and median of N runs: with
# no sound card, then with the local sound card on ALSA's null device without and with 2,000
# sample files (200 folders of 10) on the sample search path (TALA_SAMPLES), which start-up
# lists but does not decode. HOME is a temporary folder, so no samples of the user's count.
# Usage: scripts/bench-startup.sh [TALA_BINARY] [RUNS]   (default .build/release/tala, 10)
set -euo pipefail
tala=${1:-.build/release/tala}
runs=${2:-10}
dir=$(mktemp -d)
trap 'for s in "$dir"/sock*; do tmux -S "$s" kill-server 2>/dev/null || true; done; rm -rf "$dir"' EXIT

samples="$dir/samples"
for ((f = 0; f < 200; f++)); do
  mkdir -p "$samples/sound$f"
  for ((k = 0; k < 10; k++)); do : >"$samples/sound$f/$k.wav"; done
done

measure() { # measure LABEL COMMAND
  local label=$1 command=$2 times=() i k found start end
  for ((i = 0; i < runs; i++)); do
    start=$(date +%s%N)
    tmux -S "$dir/sock$i" -f /dev/null new-session -d -s t -x 120 -y 30 "$command"
    found=0
    for ((k = 0; k < 2000; k++)); do
      if tmux -S "$dir/sock$i" capture-pane -p -t t | grep -q 'cps> *$'; then found=1; break; fi
    done
    end=$(date +%s%N)
    tmux -S "$dir/sock$i" kill-server 2>/dev/null || true
    ((found)) || { echo "no prompt after $k polls ($label)" >&2; exit 1; }
    times+=($(((end - start) / 1000000)))
  done
  local sorted=($(printf '%s\n' "${times[@]}" | sort -n))
  echo "tala prompt after start$label: best ${sorted[0]} ms, median ${sorted[$((runs / 2))]} ms over $runs runs (includes tmux start and polling)"
}

measure "" "env XDG_STATE_HOME=$dir XDG_DATA_HOME=$dir/data HOME=$dir $tala --no-audio --no-targets"
measure " (sound card on ALSA null, no sample folder)" \
  "env XDG_STATE_HOME=$dir XDG_DATA_HOME=$dir/data HOME=$dir $tala --audio-device null --no-targets"
measure " (sound card on ALSA null, 2,000 sample files indexed)" \
  "env XDG_STATE_HOME=$dir XDG_DATA_HOME=$dir/data HOME=$dir TALA_SAMPLES=$samples $tala --audio-device null --no-targets"
