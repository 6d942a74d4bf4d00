#!/usr/bin/env python3
"""Golden cases for the names that finished the vocabulary (issue 14): the random stripes and
spreads, degradeOverBy, distrib, permstep, tabby and fit'.

    python3 scripts/golden/gen-vocab-finish.py [--build-dir /tmp/vf-oracle]

Reuses gen-functions.py's machinery (FnOracle.hs, the same record format) with its own case
list and output file, Tests/LanguageTests/Golden/functions-finish.jsonl, ids `vf-NNN`.

Tidal 1.7.10 has every name here in the form 1.9.5 has it, except `distrib`, whose
`boolsToPat` took its values with `<*>` before 1.9 and with `<*` since; the cases give it a
value pattern of whole cycles, where the two agree. `rolledWith` is new in 1.9 (it is
`rolledBy` with a plain fraction, checked through rolledBy's own cases).
"""
import argparse
import importlib.util
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import oracle_cases  # noqa: E402
from oracle_cases import s_, d_, n_, i_, r_, b_, c_  # noqa: E402,F401

base = oracle_cases.load_base()

OUT = os.path.join(base.ROOT, "Tests", "LanguageTests", "Golden", "functions-finish.jsonl")
CASES = []


def F(expr, ty, desc, arcs="0 2", oracle=None):
    CASES.append(oracle_cases.case(expr, ty, desc, arcs, oracle))


squeeze = oracle_cases.squeeze



# --- random choices of a list ------------------------------------------------------------------
F('spreadChoose fast [1, 2, 4] "a b"', s_, "spreadChoose: a factor picked at random each cycle", "0 6")
F('spreadr ($) [rev, fast 2, (0.25 <~)] "a b c"', s_, "spreadr is spreadChoose", "0 6")
# Tidal's spread' hands the function plain values (a Pattern Time's values are Times), where
# Tala hands it constant patterns: Tala's `spread' fast` is Tidal's `spread' (fast . pure)`.
F("spread' fast \"1 2\" \"a b\"", s_, "spread': the function applied with each value as it comes",
  oracle="spread' (fast . pure) (\"1 2\" :: Pattern Time) \"a b\"")
F("spread' fast \"<1 [2 4]>\" \"a b c\"", s_, "spread' with a slowed value pattern", "0 4",
  oracle="spread' (fast . pure) (\"<1 [2 4]>\" :: Pattern Time) \"a b c\"")
F("spread' (<~) \"0 0.25\" \"a b c d\"", s_, "spread' shifting",
  oracle="spread' ((<~) . pure) (\"0 0.25\" :: Pattern Time) \"a b c d\"")

# --- stripes ---------------------------------------------------------------------------------
F('randStruct 4', i_, "randStruct: random-length parts numbered in order", "0 3")
F('randStruct 1', i_, "randStruct 1 is one whole cycle")
F("substruct' \"0 1 2\" \"<a b c>\"", s_, "substruct': the i-th event plays i times the count cycles later", "0 3")
F("substruct' (randStruct 3) \"a b\"", s_, "substruct' over randStruct", "0 3")
F('stripe 2 "a b"', s_, "stripe 2", "0 4")
F('stripe "<2 3>" "a b c"', s_, "stripe patterned", "0 4")
F('slowstripe 2 "a b"', s_, "slowstripe 2", "0 4")
F('slowstripe "<1 3>" "a b"', s_, "slowstripe patterned", "0 4")

# --- degrading over cycles ---------------------------------------------------------------------
F('degradeOverBy 2 0.5 "hh*8"', s_, "degradeOverBy: the random values held two cycles", "0 4")
F('degradeOverBy 3 "<0.2 0.8>" "a*4"', s_, "degradeOverBy: the amount slowed too", "0 6")
F('degradeOverBy 1 0.5 "a*8"', s_, "degradeOverBy 1 is degradeBy", "0 2")

# --- layers, permutations, weaves, slices --------------------------------------------------------
F('distrib [3, 8] "x"', s_, "distrib of one layer is euclid")
F('distrib [3, 5, 8] "x"', s_, "distrib of two layers")
F('distrib [2, 3, 5, 8] "<x y>"', s_, "distrib of three layers", "0 2")
F('distrib ["<3 5>", 8] "x"', s_, "distrib with a patterned count", "0 2")
F('permstep 8 ["a", "b", "c"] "<0 0.5 1>"', s_, "permstep: from even to uneven splits", "0 3",
  oracle='permstep 8 ["a", "b", "c"] ("<0 0.5 1>" :: Pattern Double)')
F('permstep 5 ["a", "b"] "<0.25 0.75 0.99>"', s_, "permstep of two", "0 3",
  oracle='permstep 5 ["a", "b"] ("<0.25 0.75 0.99>" :: Pattern Double)')
F('tabby 4 "a b c d" "e f g h"', s_, "tabby of four threads", "0 4")
F('tabby 3 "a b c" "d e f"', s_, "tabby of three threads", "0 3")
F('tabby 2 "a" "b"', s_, "tabby of two threads", "0 2")
F("fit' 1 2 \"0 1\" \"1 0\" \"bd sn\"", s_, "fit': slices by from, replayed by to")
F("fit' 1 4 (run 4) \"[0 3*2 2 1 0 3*2 2 [1*8 ~]]/2\" \"a b c d\"", s_, "fit' of Tidal's documentation", "0 4")
F("fit' 2 3 \"0 1 2\" \"<0 2> 1\" \"a b c\"", s_, "fit' over two cycles", "0 4")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--build-dir", default="/tmp/vf-oracle")
    ap.add_argument("--out", default=OUT)
    args = ap.parse_args()
    oracle_cases.run(base, CASES, out=args.out, id_prefix="vf", build_dir=args.build_dir)


if __name__ == "__main__":
    main()
