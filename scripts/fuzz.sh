#!/usr/bin/env bash
# make fuzz: runs libFuzzer targets for a bounded time each.
#   FUZZ_SECONDS=60 scripts/fuzz.sh            all three targets (default 60 s each)
#   scripts/fuzz.sh mini                       only the mini-notation parser
#   scripts/fuzz.sh expr                       only the shell language (tala query --expr, statements)
#   scripts/fuzz.sh osc -- -runs=1000          only the OSC decoder, extra libFuzzer flags
# New inputs go to scratch corpora under Fuzz/.build, seeded from the committed seeds in
# Fuzz/corpus/<target>. A crash or timeout leaves crash-*/timeout-* in Fuzz/artifacts/<target>/
# and fails the run; turn it into a regression test (mini: ParseErrorTests' hostile inputs;
# osc: HostileInputTests.fuzzRegressions; expr: LanguageTests' FuzzRegressionTests).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${FUZZ_SECONDS:-60}"
targets=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do targets+=("$1"); shift; done
[ "${1:-}" = "--" ] && shift
[ ${#targets[@]} -gt 0 ] || targets=(mini osc expr)

for target in "${targets[@]}"; do
  case "$target" in
    mini) product=FuzzMiniNotation; extra=(-max_len=512 -dict=Fuzz/mini.dict) ;;
    osc) product=FuzzOSCDecoder; extra=(-max_len=65536) ;;
    expr) product=FuzzExpression; extra=(-max_len=512 -dict=Fuzz/expr.dict) ;;
    *) echo "unknown fuzz target '$target' (mini, osc, expr)" >&2; exit 2 ;;
  esac
  # SwiftPM passes -sanitize=fuzzer only to the fuzz target itself; -Xswiftc also instruments
  # the library under test, without which libFuzzer sees no coverage.
  flags=(-c debug --sanitize=fuzzer --sanitize=address -Xswiftc -sanitize=fuzzer --product "$product" --package-path Fuzz)
  swift build "${flags[@]}"
  binary="$(swift build "${flags[@]}" --show-bin-path)/$product"
  work="Fuzz/.build/corpus-$target"
  artifacts="Fuzz/artifacts/$target/"
  mkdir -p "$work" "$artifacts"
  # Swift's backtracer takes seconds per crash; libFuzzer prints its own report.
  SWIFT_BACKTRACE=enable=no "$binary" "$work" "Fuzz/corpus/$target" -max_total_time="$seconds" \
    -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$artifacts" "${extra[@]}" "$@"
done
