#!/usr/bin/env bash
# make fuzz: every libFuzzer target for a bounded time (FUZZ_SECONDS each, default 60).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/fuzz-mini.sh
bash scripts/fuzz-osc.sh
