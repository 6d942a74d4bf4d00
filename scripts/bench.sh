#!/usr/bin/env bash
# make bench: Tala's figures, with the peers (TidalCycles, liblo) measured in the same run
# when they are installed. Peers are optional; Tala's own figures always print.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product tala-bench >/dev/null

# TidalCycles peer: a small Haskell program (bench/tidal), built outside CI.
if command -v ghc >/dev/null && ghc-pkg field tidal version >/dev/null 2>&1; then
  out=.build-bench/tidal
  mkdir -p "$out"
  if [ ! -x "$out/TidalBench" ] || [ bench/tidal/TidalBench.hs -nt "$out/TidalBench" ]; then
    ghc -O2 -package tidal -outputdir "$out" -o "$out/TidalBench" bench/tidal/TidalBench.hs >/dev/null
  fi
  # tala-bench runs it just before and just after its own pattern figures.
  export TIDAL_BENCH="$PWD/$out/TidalBench"
else
  echo "(TidalCycles not installed: run ../shared/tools/tidal-oracle/build.sh to compare with Tidal)"
fi

# liblo peer for the OSC figures (a small C program against liblo-dev).
if liblo=$(bash scripts/bench-liblo.sh 2>/dev/null); then
  export LIBLO_BENCH="$liblo"
else
  echo "(liblo-dev not installed: the OSC figures print without liblo)"
fi

.build/release/tala-bench
