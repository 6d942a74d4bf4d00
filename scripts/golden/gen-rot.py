#!/usr/bin/env python3
"""Golden cases for `rot`, whose order depends on where each atom was written: Tidal's `_rot`
sorts a cycle's events with the derived `Ord` of events, which compares their context (the
source positions of the atoms behind each value, joined as patterns combine) before time.

    python3 scripts/golden/gen-rot.py [--build-dir /tmp/rot-oracle]

Reuses gen-functions.py's machinery (FnOracle.hs, the same record format) with its own case
list and output file, Tests/LanguageTests/Golden/rot.jsonl, ids `rot-NNN`.
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import oracle_cases  # noqa: E402
from oracle_cases import s_, d_, n_, i_, r_, b_, c_  # noqa: E402,F401

base = oracle_cases.load_base()

OUT = os.path.join(base.ROOT, "Tests", "LanguageTests", "Golden", "rot.jsonl")
CASES = []


def F(expr, ty, desc, arcs="0 2", oracle=None):
    CASES.append(oracle_cases.case(expr, ty, desc, arcs, oracle))


# --- one string: source order differs from time order --------------------------------------------
F('rot 1 $ rev "a b c"', s_, "rev: source order is the reverse of time order", "0 1")
F('rot 1 $ n (rev "0 1 2 3")', c_, "the issue's example: 0 3 2 1", "0 1")
F('rot 2 $ rev "a [b c] d"', s_, "rev of a subsequence", "0 1")
F('rot 1 $ iter 4 "a b c d"', s_, "iter shifts time, not source", "0 4")
F('rot 1 $ "0.25" <~ "a b c d"', s_, "a shift whose amount was written in a string", "0 2")
F('rot 1 $ 0.25 <~ "a b c d"', s_, "a shift by a literal", "0 2")
F('rot 1 $ palindrome "a b c"', s_, "palindrome", "0 2")
F('rot "<1 2 -1>" $ rev "a b c d"', s_, "patterned amounts", "0 3")
# --- repeats, rests, steps and randomness ---------------------------------------------------------
F('rot 1 "a*2 b"', s_, "repeats of one atom share its context", "0 2")
F('rot 1 "a!3 b"', s_, "copies share the atom", "0 1")
F('rot 1 "a ~ b c"', s_, "rests keep their place", "0 1")
F('rot 1 "<a b> c d"', s_, "alternation", "0 2")
F('rot 1 "{a b c}%4"', s_, "polymeter steps written in the string", "0 3")
F('rot 1 "{a b c, d e}"', s_, "polymeter layers", "0 2")
F('rot 1 "[a, b c]"', s_, "a stack inside the string", "0 1")
F('rot 1 "a(3,8) b"', s_, "euclid with its numbers' positions", "0 1")
F('rot 1 "a(<3 5>,8,<0 2>)"', s_, "patterned euclid", "0 2")
F('rot 1 "a? b c? d"', s_, "degraded atoms", "0 4")
F('rot 1 "[a|b|c] d e"', s_, "random choice", "0 4")
F('rot 1 "a b . c d e"', s_, "feet", "0 1")
F('rot 1 "a@3 b c"', s_, "weights", "0 1")
F('rot 1 "a*<2 3> b"', s_, "a patterned factor", "0 2")
F('rot 1 "0 .. 3"', i_, "a range: one context for all its values", "0 1",
  oracle='rot 1 ("0 .. 3" :: Pattern Int)')
# --- several strings: contexts join in order -------------------------------------------------------
F('rot 1 $ stack ["a b", "c d"]', s_, "two strings whose atoms begin at the same columns", "0 1")
F('rot 1 $ cat ["a b", "c d e"]', s_, "cat", "0 2")
F('rot 1 $ fastcat ["c d", "a b"]', s_, "fastcat", "0 1")
F('rot 1 $ n ("0 1" + "<10 20> 30")', c_, "arithmetic joins both sides' contexts", "0 2")
F('rot 1 $ n ("0 1 2" |+ "10 20")', c_, "structure from the left", "0 1")
F('rot 1 $ n ("0 1 2" +| "10 20")', c_, "structure from the right", "0 1")
F('rot 1 $ s "bd*2 sn" # n "1 2 3"', c_, "a control pattern", "0 1")
F('rot 1 $ n "0 1 2" # s "<a b> c"', c_, "controls from two strings", "0 2")
F('rot 1 $ s "a b c" # n (rev "0 1 2")', c_, "a reversed right side", "0 1")
F('rot 1 $ fast "1 2" "a b c"', s_, "a patterned factor from another string", "0 2")
F('rot 1 $ ply "2 3" "a b"', s_, "ply: the squeezed inner first", "0 1")
F('rot 1 $ every 2 rev "a b c"', s_, "every", "0 2")
F('rot 1 $ whenmod 4 2 (rev) "a b c d"', s_, "whenmod", "0 4")
F('rot 1 $ jux rev $ s "a b c"', c_, "jux: both sides in one cycle", "0 1")
F('rot 1 $ off 0.25 (# crush 4) $ s "a b"', c_, "off", "0 1")
F('rot 1 $ superimpose (fast 2) "a b"', s_, "superimpose", "0 1")
F('rot 1 $ chop 2 $ s "a b"', c_, "chop", "0 1")
F('rot 1 $ segment 4 $ n (range 1 5 saw)', c_, "a signal has no context", "0 1")
F('rot 1 $ n (run 4)', c_, "run has no context", "0 1")
F('rot 1 $ s "a b c" # n (irand 8)', c_, "random values have no context", "0 2")
F('rot "<1 2>" $ n "0 [1 2]" + n "<10 20>"', c_, "rot after arithmetic on control patterns", "0 2")
F('rot 1 $ sometimesBy 0.5 (# speed 2) $ s "a*8"', c_, "sometimesBy", "0 2")
F('rot 1 $ degradeBy 0.5 $ s "a b c d e f"', c_, "degradeBy", "0 2")
F('rot 1 $ euclid 3 8 $ s "a"', c_, "euclid by literals", "0 1")
F('rot 1 $ euclid "<3 5>" 8 $ s "a b"', c_, "euclid by a string", "0 2")
F('rot 1 $ rot 1 $ rev "a b c d"', s_, "rot of rot", "0 1")
F('rot 1 $ n "c e g" + "<0 3>"', c_, "note names", "0 2")
F('rot 1 $ n "c\'maj e"', c_, "a chord's notes carry no positions", "0 1")
F('rot 1 $ s "[bd | sn | hh]*4"', c_, "random choice repeated", "0 2")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--build-dir", default="/tmp/rot-oracle")
    ap.add_argument("--out", default=OUT)
    args = ap.parse_args()
    oracle_cases.run(base, CASES, out=args.out, id_prefix="rot", build_dir=args.build_dir)


if __name__ == "__main__":
    main()
