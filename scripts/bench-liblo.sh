#!/usr/bin/env bash
# Builds the liblo benchmark peer (needs liblo-dev) and prints its path, for tala-bench:
#   bin=$(scripts/bench-liblo.sh) && "$bin"     prints "name ops_per_second" lines
set -euo pipefail
cd "$(dirname "$0")/.."
out=.build/bench-liblo
mkdir -p "$out"
gcc -O2 -o "$out/osc_bench" bench/liblo/osc_bench.c $(pkg-config --cflags --libs liblo 2>/dev/null || echo -llo)
echo "$PWD/$out/osc_bench"
