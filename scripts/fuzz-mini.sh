#!/usr/bin/env bash
# Builds the libFuzzer target for the mini-notation parser and runs it for a bounded time.
#   FUZZ_SECONDS=60 scripts/fuzz-mini.sh     (default 60 s; extra arguments go to libFuzzer)
# New inputs go to a scratch corpus (Fuzz/.build/corpus-mini) seeded from Fuzz/corpus/mini.
# A crash leaves crash-* in Fuzz/artifacts/ and fails this script; add the input to the
# hostile-input list in Tests/MiniNotationTests/ParseErrorTests.swift.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${FUZZ_SECONDS:-60}"
flags=(-c debug --sanitize=fuzzer --sanitize=address -Xswiftc -sanitize=fuzzer --product FuzzMiniNotation --package-path Fuzz)
swift build "${flags[@]}"
binary="$(swift build "${flags[@]}" --show-bin-path)/FuzzMiniNotation"
work=Fuzz/.build/corpus-mini
mkdir -p "$work" Fuzz/artifacts
export SWIFT_BACKTRACE=enable=no
"$binary" "$work" Fuzz/corpus/mini -max_total_time="$seconds" -max_len=512 -timeout=10 \
  -rss_limit_mb=2048 -print_final_stats=1 -dict=Fuzz/mini.dict -artifact_prefix=Fuzz/artifacts/ "$@"
