#!/usr/bin/env python3
"""Regenerate the mini-notation golden files from the real TidalCycles (1.7.10).

    python3 scripts/golden/gen-mini.py [--oracle /tmp/tidal-oracle/oracle]

Build the oracle first (it needs GHC and Debian's libghc-tidal-dev, so it never runs in CI):

    bash /work/shared/tools/tidal-oracle/build.sh

Every expected result written by this script comes from one batch run of the oracle; this file
only lists the *questions* (pattern, type, query arc, controls) and a few labels.

Outputs (all under Tests/MiniNotationTests/Golden/):
  mini-notation.jsonl   valid patterns and their events (plus a few tagged parse errors)
  invalid.jsonl         strings that Tidal 1.7.10 rejects with a parse error
  runtime-errors.jsonl  strings that parse but fail when queried

Tags:
  "quirk"      the 1.7.10 answer is a parser accident, or later Tidal (1.8-1.10) answers
               differently (see reference/mini-notation.md); tests must not compare these.
  "extension"  Tidal rejects the string but Tala may accept it on purpose (Strudel-style
               chained `*` and `/`); tests must not demand the error.

The script refuses to write anything if a case disagrees with its expectation (an unexpected
parse error, a runtime error, a timeout), if a non-quirk pattern contains a construct whose
meaning changed after 1.7.10 (see `later_tidal_hazard`), or if a non-quirk result contains a
time with a huge denominator (a sign of Tidal's Double-based decimals, which Tala keeps exact).
"""
import argparse
import json
import os
import re
import subprocess
import sys
from fractions import Fraction

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
OUT_DIR = os.path.join(ROOT, "Tests", "MiniNotationTests", "Golden")

# --------------------------------------------------------------------------------------------
# The questions.
#
# C(feature, type, pattern, arc, controls=None, quirk=False, expect="ok", extension=False)
#   arc        "BEGIN END", each an integer or "n/d"
#   controls   "name=s:text;name2=f:0.5" (see Oracle.parseControls) for ^name variables
#   quirk      True (or a short reason string) to tag the case "quirk"
#   expect     "ok" | "parse" | "runtime"; anything else makes the script stop
#   extension  True to add the tag "extension" (Tala may accept what Tidal rejects)
# --------------------------------------------------------------------------------------------

CASES = []


def C(feature, ty, pattern, arc="0 1", controls=None, quirk=False, expect="ok", extension=False):
    tags = (["quirk"] if quirk else []) + (["extension"] if extension else [])
    CASES.append(dict(feature=feature, type=ty, pattern=pattern, arc=arc.split(),
                      controls=controls, quirk=bool(quirk), tags=tags, expect=expect))


S, D, N, I, R, B = "string", "double", "note", "int", "rational", "bool"

# --- sequence: steps share the cycle equally --------------------------------------------------
C("sequence", S, "bd", "0 4")
C("sequence", S, "bd sn", "0 2")
C("sequence", S, "bd sn hh", "5/2 7/2")
C("sequence", S, "bd sn hh cp", "1/3 2/3")
C("sequence", S, "a b c d e", "0 1")
C("sequence", S, "bd sn", "7/4 9/4")
C("sequence", S, "bd sn hh", "1000 1002")
C("sequence", S, "bd sn hh", "1/3 1/3")          # zero-width query
C("sequence", S, "bd sn", "1/2 1/2")            # zero-width query on a step boundary
C("sequence", S, "bd sn", "0 0")
C("sequence", S, "", "0 2")                     # empty string: silence
C("sequence", S, "BD Sn hH", "0 1")
C("sequence", S, "a.b c_d e-f g:h", "0 1")      # word characters
C("sequence", S, "808 909:2 1", "0 1")          # words may start with a digit
C("sequence", S, "superpiano drum2 kick", "0 1")
C("sequence", S, "bé sn", "0 1")                # Unicode letters are word characters
C("sequence", S, "bd sn hh cp", "3/8 21/8")
C("sequence", I, "1 2 3", "0 2")
C("sequence", D, "0.25 0.5 0.75", "0 1")

# --- rest ~ -----------------------------------------------------------------------------------
C("rest", S, "bd ~", "0 2")
C("rest", S, "~ bd", "0 1")
C("rest", S, "~ ~ bd ~", "0 2")
C("rest", S, "bd [~ sn]", "0 1")
C("rest", S, "~", "0 2")
C("rest", S, "bd ~ ~ sn", "1/4 3/4")
C("rest", S, "[~ bd]*2", "0 1")
C("rest", S, "~~ bd", "0 1")
C("rest", I, "0 ~ 2", "0 1")
C("rest", D, "~ 1.5", "0 1")
C("rest", S, "~bd sn", "0 1", quirk="`~` glued to a word (Strudel reads the word `~bd`)")
C("rest", S, "bd~ sn", "0 1", quirk="`~` glued to a word")

# --- subsequence [ ] ---------------------------------------------------------------------------
C("subsequence", S, "[bd sn]", "0 2")
C("subsequence", S, "bd [sn sn]", "0 1")
C("subsequence", S, "bd [sn [hh hh]]", "0 1")
C("subsequence", S, "bd [ sn  cp ] hh", "0 1")
C("subsequence", S, "[[[[[[[[[[bd]]]]]]]]]]", "0 2")
C("subsequence", S, "[a [b [c [d [e [f [g [h]]]]]]]]", "0 1")
C("subsequence", S, "bd [] sn", "0 1")
C("subsequence", S, "[]", "0 1")
C("subsequence", S, "bd [ ] sn", "0 1")
C("subsequence", S, "[bd sn] [hh hh hh]", "1/3 5/3")
C("subsequence", S, "bd[sn]", "0 1")
C("subsequence", S, "[bd sn]", "1001/2 1003/2")

# --- stack , inside brackets -------------------------------------------------------------------
C("stack", S, "[bd, sn]", "0 1")
C("stack", S, "[bd sn, hh hh hh]", "0 1")
C("stack", S, "bd [sn, cp]", "0 1")
C("stack", S, "[bd*2, hh*3, ~ sn]", "0 1")
C("stack", S, "[bd, sn, hh, cp]", "0 2")
C("stack", S, "[bd sn, [hh hh, cp]]", "0 1")
C("stack", S, "[bd,sn]", "0 1")
C("stack", S, "[ bd , sn ]", "0 1")
C("stack", S, "[bd, ]", "0 1")
C("stack", S, "[, bd]", "0 1")
C("stack", S, "[bd sn, hh hh hh]", "2/3 4/3")
C("stack", I, "[0, 4, 7] [2, 5]", "0 1")
C("stack", S, "[bd sn, hh hh hh]", "1/2 1/2")

# --- feet . ------------------------------------------------------------------------------------
C("foot", S, "bd . sn sn", "0 1")
C("foot", S, "bd . sn . hh hh . cp cp cp", "0 1")
C("foot", S, "bd sn . hh hh hh", "0 2")
C("foot", S, "[bd . sn sn] hh", "0 1")
C("foot", S, "<bd . sn sn>", "0 2")
C("foot", S, "<a b . c>", "0 4")
C("foot", S, "{bd . sn sn, a b c}", "0 2")
C("foot", S, "{a . b c}%4", "0 2")
C("foot", S, "[bd . sn, hh . cp cp]", "0 1")
C("foot", S, "[a b . c, d . e f g]", "0 1")
C("foot", S, ". bd", "0 1")
C("foot", S, ".bd", "0 1")
C("foot", S, "bd . . sn", "0 1")
C("foot", S, "bd sn . hh*2 . [cp cp]", "0 1")
C("foot", S, "a*2 . b!2 . c@2 d . <e f>", "0 2")

# --- fast * ------------------------------------------------------------------------------------
C("fast", S, "bd*2", "0 1")
C("fast", S, "bd*3 sn", "0 1")
C("fast", S, "[bd sn]*2", "0 1")
C("fast", S, "bd*1.5", "0 2")
C("fast", S, "bd*0.5", "0 4")
C("fast", S, "bd*2.5", "0 2")
C("fast", S, "bd*1%3", "0 3")
C("fast", S, "[bd sn]*3%2", "0 2")
C("fast", S, "bd*q", "0 4")
C("fast", S, "bd*h", "0 2")
C("fast", S, "bd*w", "0 1")
C("fast", S, "bd*t", "0 3")
C("fast", S, "bd*x", "0 6")
C("fast", S, "bd*f", "0 5")
C("fast", S, "bd*3q", "0 4")
C("fast", S, "bd*8e", "0 1")
C("fast", S, "bd*<2 3>", "0 2")
C("fast", S, "bd*[2 3]", "0 1")
C("fast", S, "bd*{2 3 4}", "0 2")
C("fast", S, "bd*<2 [3 4]>", "0 2")
C("fast", S, "bd*0", "0 2")
C("fast", S, "bd*<2 0>", "0 2")
C("fast", S, "[bd sn hh]*-1", "0 1")
C("fast", S, "[bd sn]*-2", "0 1")
C("fast", S, "bd*16", "1/3 1/2")
C("fast", S, "bd*2 sn*3", "0 1")
C("fast", S, "bd* 2 sn", "0 1")
C("fast", S, "bd*2(3,8)", "0 1")
C("fast", S, "<a b>*2", "0 2")
C("fast", S, "bd*4", "1000 1001")
C("fast", S, "bd*3", "1/3 1/3")
C("fast", S, "bd*0.1", "0 1", quirk="Tidal turns 0.1 into a Double first; Tala keeps 1/10 exact")

# --- slow / ------------------------------------------------------------------------------------
C("slow", S, "bd/2", "0 4")
C("slow", S, "[bd sn]/2", "0 4")
C("slow", S, "bd sn/2", "0 4")
C("slow", S, "[bd sn hh cp]/0.5", "0 1")
C("slow", S, "bd/0", "0 2")
C("slow", S, "[bd sn]/2", "1/3 7/4")
C("slow", S, "bd/1.5", "0 3")
C("slow", S, "[bd sn]/1%3", "0 1")
C("slow", S, "bd/<2 4>", "0 8")
C("slow", S, "bd/[1 2]", "0 2")
C("slow", S, "bd/{2 3 4}", "0 3")
C("slow", S, "bd/h", "0 1")
C("slow", S, "[bd sn hh]/-1", "0 1")
C("slow", S, "[bd sn hh]/3", "1000 1003")
C("slow", S, "<bd sn>/2", "0 8")
C("slow", S, "bd/4", "5/2 5/2")
C("slow", S, "[a b c]/1.5 d", "0 3")

# --- replicate ! -------------------------------------------------------------------------------
C("replicate", S, "bd!3", "0 1")
C("replicate", S, "bd! sn", "0 1")
C("replicate", S, "bd ! !", "0 1")
C("replicate", S, "bd!3!2", "0 1")
C("replicate", S, "bd!!", "0 1")
C("replicate", S, "bd!10", "0 1")
C("replicate", S, "bd(3,8)!2", "0 1")
C("replicate", S, "[bd sn]!2 hh", "0 1")
C("replicate", S, "bd!3 sn", "0 2")
C("replicate", S, "<a b>!2", "0 2")
C("replicate", S, "bd*2!2", "0 1")
C("replicate", S, "bd ! sn !", "0 1")
C("replicate", S, "bd !3", "0 1")
C("replicate", S, "<a!3 b ! c@5>", "0 10")
C("replicate", S, "{a !}%2", "0 2")
C("replicate", S, "bd!2?", "0 4")
C("replicate", I, "1!2 2", "0 1")

# --- elongate @ --------------------------------------------------------------------------------
C("elongate_at", S, "bd@2 sn@3", "0 1")
C("elongate_at", S, "bd sn@0.5", "0 1")
C("elongate_at", S, "bd@1.5 sn", "0 1")
C("elongate_at", S, "bd@1%3 sn", "0 1")
C("elongate_at", S, "bd@h sn", "0 1")
C("elongate_at", S, "bd@3@2 sn", "0 1")
C("elongate_at", S, "bd@ sn", "0 1")
C("elongate_at", S, "bd@@ sn", "0 1")
C("elongate_at", S, "bd @2 sn", "0 1")
C("elongate_at", S, "[bd sn]@3 hh", "0 1")
C("elongate_at", S, "<a b>@3 c", "0 2")
C("elongate_at", S, "bd@2 sn", "1/3 4/3")
C("elongate_at", S, "a@0.5 b@1%6 b@1%6 b@1%6", "0 2")
C("elongate_at", S, "bd@3q sn", "0 1")
C("elongate_at", S, "<a@3 b>", "0 4")
C("elongate_at", S, "bd@1e1 sn", "0 1")
C("elongate_at", S, "a b@<0.5 2> c d", "0 2", quirk="`@<...>` is not a patterned weight")

# --- elongate _ --------------------------------------------------------------------------------
C("elongate_underscore", S, "bd _ _ sn", "0 4")
C("elongate_underscore", S, "bd _ @2 sn", "0 1")
C("elongate_underscore", S, "[bd sn] _ hh", "0 1")
C("elongate_underscore", S, "bd _3 sn", "0 1")
C("elongate_underscore", S, "bd@2 _ sn", "0 1")
C("elongate_underscore", S, "bd _ _", "0 2")
C("elongate_underscore", S, "bd__ sn", "0 1")
C("elongate_underscore", S, "bd _ sn _ _", "0 1")
C("elongate_underscore", S, "<a b> _ c", "0 2")
C("elongate_underscore", S, "bd@_ sn", "0 1")
C("elongate_underscore", S, "a _ _ b _", "0 2")

# --- alternation < > ---------------------------------------------------------------------------
C("alternation", S, "<bd sn>", "0 4")
C("alternation", S, "<bd sn hh>", "0 6")
C("alternation", S, "<bd [sn sn]>", "0 4")
C("alternation", S, "[<a b> <c d e>]*2", "0 3")
C("alternation", S, "<a ~ b>", "0 6")
C("alternation", S, "<a>", "0 2")
C("alternation", S, "<a <b c>>", "0 4")
C("alternation", S, "<a <b <c d>>>", "0 8")
C("alternation", S, "<a b, c d e>", "0 6")
C("alternation", S, "<a b>/2", "0 8")
C("alternation", S, "<a!2 b>", "0 3")
C("alternation", S, "<a b c>", "1000 1003")
C("alternation", S, "a <b c>", "1/2 5/2")
C("alternation", S, "< a b >", "0 2")
C("alternation", S, "<a b>", "1 1")
C("alternation", S, "<[a a] b>(3,8)", "0 2")
C("alternation", S, "<a b> <c d e>", "0 6")
C("alternation", I, "<0 2 4>", "0 3")

# --- polymeter { } -----------------------------------------------------------------------------
C("polymeter", S, "{bd sn, a b c}", "0 2")
C("polymeter", S, "{a [b c] d, e f}", "0 2")
C("polymeter", S, "{a b c}", "0 2")
C("polymeter", S, "{a b, c d e, f g h i}", "0 2")
C("polymeter", S, "{a, b c}", "0 2")
C("polymeter", S, "{~ a, b c d}", "0 2")
C("polymeter", S, "{a b c}*2", "0 1")
C("polymeter", S, "{a b c, d e}", "5/2 7/2")
C("polymeter", S, "{a b c d e}", "1000 1001")
C("polymeter", S, "bd {a b, c d e}", "0 2")

# --- polymeter steps { }%n ----------------------------------------------------------------------
C("polymeter_steps", S, "{bd sn hh}%4", "0 3")
C("polymeter_steps", S, "{a b c}%<2 4>", "0 2")
C("polymeter_steps", S, "{a b c}%[2 4]", "0 2")
C("polymeter_steps", S, "{a b}%0", "0 2")
C("polymeter_steps", S, "{a b}%", "0 2")
C("polymeter_steps", S, "{a b c}%<2 0>", "0 2")
C("polymeter_steps", S, "{a b c, d e}%4", "0 2")
C("polymeter_steps", S, "{a b c}%1.5", "0 2")
C("polymeter_steps", S, "{a b c}%8", "1/4 5/4")
C("polymeter_steps", S, "{a b c d}%3 y", "0 2")
C("polymeter_steps", S, "{a b c}%1", "0 4")
C("polymeter_steps", S, "{a b c}%4", "1/2 1/2")
C("polymeter_steps", S, "{a b}%4 e", "0 1", quirk="number after % swallows the space, `e` read as 1/8")

# --- Euclid (k,n,r) ------------------------------------------------------------------------------
C("euclid", S, "bd(3,8)", "0 4")
C("euclid", S, "bd(5,8)", "0 1")
C("euclid", S, "bd(5,8,-1)", "0 1")
C("euclid", S, "bd(3, 8, 1)", "0 1")
C("euclid", S, "bd(3,8,2)", "0 1")
C("euclid", S, "bd(<3 5>,8)", "0 2")
C("euclid", S, "bd(<3 5>,8,<0 2>)", "0 4")
C("euclid", S, "bd(3 5,8)", "0 1")
C("euclid", S, "bd(3,<8 16>)", "0 2")
C("euclid", S, "bd(3,8,<0 2 4>)", "0 3")
C("euclid", S, "bd([3 5],8)", "0 1")
C("euclid", S, "bd(0,8)", "0 1")
C("euclid", S, "bd(9,8)", "0 1")
C("euclid", S, "bd(8,8)", "0 1")
C("euclid", S, "bd(3,0)", "0 2")
C("euclid", S, "bd(1,4)", "0 1")
C("euclid", S, "bd(3,16,14)", "0 1")
C("euclid", S, "bd(3,8,10)", "0 1")
C("euclid", S, "bd(3,8,-2)", "0 1")
C("euclid", S, "bd(5,12)", "0 1")
C("euclid", S, "bd(7,16,3)", "0 1")
C("euclid", S, "bd(3,8)", "1/3 5/3")
C("euclid", S, "bd(3,8)", "3/8 3/8")
C("euclid", S, "[bd sn](3,8)", "0 1")
C("euclid", S, "<bd sn>(3,8)", "0 2")
C("euclid", S, "bd(3,8) sn(5,8)", "0 1")
C("euclid", S, "bd(3,8)@2 sn", "0 1")
C("euclid", S, "[bd(3,8), hh(5,8)]", "0 1")
C("euclid", S, "bd(3 , 8)", "0 1")
C("euclid", S, "bd( 3,8 )", "0 1")
C("euclid", S, "bd(5,c)", "0 1")
C("euclid", S, "bd(3,8,)", "0 1")
C("euclid", S, "bd(3,8)", "1000 1001")
C("euclid", S, "bd(^k,8)", "0 1", controls="k=i:3")
C("euclid", S, "bd(^k,8)", "0 1")
C("euclid", I, "0(3,8) 2", "0 1")
C("euclid", S, "bd(-3,8)", "0 1", quirk="negative k: silence in 1.7, inverted rhythm since 1.9")
C("euclid", S, "bd(-1,4)", "0 1", quirk="negative k: silence in 1.7, inverted rhythm since 1.9")

# --- Euclid on bool: off-steps are false events --------------------------------------------------
C("euclid_bool", B, "t(3,8)", "0 1")
C("euclid_bool", B, "t(5,8,2)", "0 1")
C("euclid_bool", B, "f(3,8)", "0 1")
C("euclid_bool", B, "1(3,8) 0", "0 1")
C("euclid_bool", B, "t(<3 5>,8)", "0 2")
C("euclid_bool", B, "t(3,8,1)", "0 1")
C("euclid_bool", B, "[t f](3,8)", "0 1")
C("euclid_bool", B, "t(-3,8)", "0 1", quirk="negative k on bool: inverted since 1.9.5")

# --- sample index bd:3 ---------------------------------------------------------------------------
C("colon", S, "bd:3", "0 1")
C("colon", S, "bd:3 sn:1", "0 1")
C("colon", S, "bd:3(3,8)", "0 1")
C("colon", S, "bd:3*2 sn:12", "0 1")
C("colon", S, "drum:1:2 <bd:0 bd:1>", "0 2")

# --- ranges a .. b ---------------------------------------------------------------------------
C("range", I, "0 .. 3", "0 1")
C("range", I, "3 .. 0", "0 1")
C("range", D, "4 .. 1", "0 1")
C("range", D, "-1.5 .. 1", "0 1")
C("range", I, "0..3", "0 1")
C("range", I, "0 .. <2 4>", "0 2")
C("range", I, "<0 2> .. 4", "0 2")
C("range", I, "[0 1] .. 3", "0 1")
C("range", I, "1 .. 1", "0 1")
C("range", I, "-2 .. 2", "0 1")
C("range", I, "0 .. 7", "1/3 4/3")
C("range", I, "0 .. 3", "1/2 1/2")
C("range", I, "a .. c", "0 1")
C("range", I, "0 .. 4", "1000 1001")
C("range", D, "0..3", "0 1")
C("range", D, "0 .. <2 4>", "0 2")
C("range", D, "<0 2> .. <3 5>", "0 2")
C("range", D, "1.5 .. 4", "0 1")
C("range", D, "2 .. [4 6]", "0 1")
C("range", D, "0.. 3", "0 1")
C("range", D, "[0 .. 3, 5]", "0 1")
C("range", D, "0.0 .. 4.0", "0 1")
C("range", N, "0 .. 4", "0 1")
C("range", N, "c .. e", "0 1")
C("range", N, "e .. c", "0 1")
C("range", N, "0..8", "0 2")
C("range", R, "1 .. 3", "0 1")
C("range", R, "1%2 .. 3", "0 1")
C("range", S, "a .. c", "0 1")
C("range", S, "bd .. sn", "0 2")
C("range", S, "a..c", "0 1")
C("range", S, "bd..sn", "0 1")
C("range", B, "t .. f", "0 1")
C("range", D, "0 .. 3 4", "0 1", quirk="1.7: the range end swallows the space; later Tidal rejects this")
C("range", I, "0 .. 3 4", "0 1", quirk="1.7: the range end swallows the space; later Tidal rejects this")
C("range", D, "<0 2> .. 4 5", "0 2", quirk="1.7: the range end swallows the space; later Tidal rejects this")

# --- degrade ? ---------------------------------------------------------------------------------
C("degrade", S, "bd?", "0 8")
C("degrade", S, "bd? sn? hh? cp?", "0 8")
C("degrade", S, "bd*8?", "0 1")
C("degrade", S, "bd*8?", "100 101")
C("degrade", S, "bd*8?0.7", "0 2")
C("degrade", S, "bd*8?0.25", "0 2")
C("degrade", S, "bd*8?1.0", "0 2")
C("degrade", S, "bd*8?0.0", "0 1")
C("degrade", S, "bd*8?0.5", "0 4")
C("degrade", S, "[bd | sn] hh*4?", "0 4")
C("degrade", S, "bd??", "0 8")
C("degrade", S, "bd/2?", "0 8")
C("degrade", S, "bd sn ?", "0 4")
C("degrade", S, "bd*8 ?", "0 2")
C("degrade", S, "[bd sn]?", "0 8")
C("degrade", S, "[bd sn hh cp]?", "0 4")
C("degrade", S, "[bd*4 sn*4]?", "0 4")
C("degrade", S, "bd*16?", "1000 1002")
C("degrade", S, "bd*4? sn*4?", "0 4")
C("degrade", S, "bd? sn?0.3 hh?0.9", "0 8")
C("degrade", S, "<bd sn>?", "0 8")
C("degrade", S, "bd(3,8)?", "0 4")
C("degrade", S, "bd*8?", "1/3 7/3")
C("degrade", S, "hh*8?", "0 16")
C("degrade", S, "bd*2? . sn*2?", "0 4")
C("degrade", S, "[a? | b?] c?", "0 8")
C("degrade", S, "bd?x", "0 4")
C("degrade", S, "bd?.5", "0 4")
C("degrade", S, "bd?0.5?", "0 4")
C("degrade", S, "bd*4?", "123456 123458")
C("degrade", S, "bd*8?", "1/2 1/2")
C("degrade", D, "0.4 0.5? 0.6", "0 4")
C("degrade", I, "[0 1 2 3]*2?", "0 2")
C("degrade", B, "t*8?", "0 2")
C("degrade", S, "a!8?", "0 2")
C("degrade", S, "a*4@0.25?", "0 2")

# --- random choice | --------------------------------------------------------------------------
C("choice", S, "[bd | sn]", "0 16")
C("choice", S, "[bd*2 | sn*3 | ~]", "0 16")
C("choice", S, "[a | [b | c]]", "0 16")
C("choice", S, "[bd sn | hh]", "0 16")
C("choice", S, "[a|b|c]", "0 16")
C("choice", S, "[a | b | c | d]", "0 16")
C("choice", S, "[a | b] [c | d]", "0 16")
C("choice", S, "[a|b|c]*4", "0 4")
C("choice", S, "<[a|b] c>", "0 16")
C("choice", S, "[a | b]", "1000 1016")
C("choice", S, "[a | b]", "1/2 5/2")
C("choice", S, "[a b | c d e]/2", "0 16")
C("choice", S, "[a | b]?", "0 16")
C("choice", S, "[a | b] c? [d | e]", "0 16")
C("choice", S, "{[a | b] c, d [e | f | g]}", "0 8")
C("choice", I, "[0 | 1 | 2]*8", "0 2")
C("choice", S, "[a | b]", "3/2 3/2")

# --- note names ------------------------------------------------------------------------------
C("note_name", N, "c e g", "0 1")
C("note_name", N, "cs4 ef a5", "0 1")
C("note_name", N, "cn css cf", "0 1")
C("note_name", N, "c5 c6 c4 c0", "0 1")
C("note_name", N, "c d e f g a b", "0 1")
C("note_name", N, "bs3 cff fs2", "0 1")
C("note_name", N, "e", "0 1")
C("note_name", N, "a e ef es", "0 1")
C("note_name", N, "<c a> [e g]", "0 2")
C("note_name", N, "c10", "0 1")
C("note_name", I, "c e g", "0 1")
C("note_name", I, "cs4 ef a5", "0 1")
C("note_name", I, "cn css cf", "0 1")
C("note_name", I, "abc", "0 1")
C("note_name", D, "c a g", "0 1")
C("note_name", D, "c d e f g a b", "0 1", quirk="in double patterns the ratio letters e, f win")
C("note_name", D, "c4 a5 e5", "0 1", quirk="in double patterns `e5` is 1/8 then 5")
C("note_name", N, "c*2 e g", "0 1", quirk="`*2` swallows the space, `e` read as 1/8")

# --- chords ----------------------------------------------------------------------------------
C("chord", N, "c'maj", "0 1")
C("chord", N, "e'min7", "0 1")
C("chord", N, "c'maj'5", "0 1")
C("chord", N, "c'maj'ii", "0 1")
C("chord", N, "c'major'o", "0 1")
C("chord", N, "c'foo", "0 1")
C("chord", N, "c'maj'i", "0 1")
C("chord", N, "c'maj e'min", "0 1")
C("chord", N, "c4'min'o", "0 1")
C("chord", N, "'maj", "0 1")
C("chord", N, "'major 'minor 'dim7", "0 1")
C("chord", N, "0'maj", "0 1")
C("chord", N, "c'maj'10", "0 1")
C("chord", N, "c'dom7'o", "0 1")
C("chord", N, "c'maj'iii", "0 1")
C("chord", N, "e'm9", "0 1")
C("chord", N, "c'maj*2", "0 1")
C("chord", N, "<c'maj e'min>", "0 2")
C("chord", N, "c'maj(3,8)", "0 1")
C("chord", N, "c'five'o", "0 1")
C("chord", N, "g'7sus4", "0 1")
C("chord", N, "c'major'5 . e'min7'5", "0 1")
C("chord", I, "c'maj", "0 1")
C("chord", I, "e'min7'ii", "0 1")
C("chord", I, "0'maj 3'min", "0 1")
C("chord", I, "'major 'minor 'dim7", "0 1")
C("chord", D, "c'maj", "0 1")
C("chord", D, "0'min 2.5'maj", "0 1")
C("chord", N, "c'maj'5i", "0 1", quirk="1.7 range+inversion in one modifier; later Tidal writes 'i'5")
C("chord", N, "c'maj'd1", "0 1", quirk="no drop modifier in 1.7: `d1` becomes a second step")
C("chord", N, "c'maj'", "0 1", quirk="empty modifier accepted by 1.7, rejected by later Tidal")
C("chord", I, "0 'maj", "0 1", quirk="1.7: the number swallows the space and takes the chord")

# --- numeric literals -------------------------------------------------------------------------
C("numeric", D, "1 2.5 -3 1e3 1%3", "0 1")
C("numeric", D, "3q", "0 1")
C("numeric", D, "3h -2q 1.5q", "0 1")
C("numeric", D, "400e-3 4e2q", "0 1")
C("numeric", D, "+2 -0.5", "0 1")
C("numeric", D, "h w q s t x", "0 1")
C("numeric", D, "-h", "0 1")
C("numeric", D, "0.1 0.2 0.3", "0 1")
C("numeric", D, "1e3", "0 1")
C("numeric", D, "2.5e-1 1.5e2", "0 1")
C("numeric", R, "1%3 0.25 1.5", "0 1")
C("numeric", R, "1 2 3", "0 1")
C("numeric", R, "q h 3q", "0 1")
C("numeric", R, "-1%2 1%3t", "0 1")
C("numeric", R, "1%3@0.5 3%4@1%6 3%4@1%6 3%4@1%6", "0 1")
C("numeric", I, "1 2 3", "0 1")
C("numeric", I, "-1 0 12 +3", "0 1")
C("numeric", I, "1 ~ 3", "0 1")
C("numeric", N, "0 2.5 -3", "0 1")
C("numeric", N, "x", "0 1")
C("numeric", D, "1e 3q h w", "0 1", quirk="`1e` reads as 1/8 (ratio letter, not exponent)")
C("numeric", R, "1%3 0.25 1.5 q", "0 1", quirk="`1.5` swallows the space, `q` multiplies it")
C("numeric", R, "0.1", "0 1", quirk="Tidal turns 0.1 into a Double first; Tala keeps 1/10 exact")

# --- booleans --------------------------------------------------------------------------------
C("bool", B, "t f 1 0", "0 1")
C("bool", B, "t f", "0 2")
C("bool", B, "f t*2", "0 1")
C("bool", B, "t*2 f", "0 1", quirk="`*2` swallows the space, `f` read as 1/5")
C("bool", B, "t [f t]", "0 1")
C("bool", B, "<t f>", "0 2")
C("bool", B, "1 ~ 0", "0 1")
C("bool", B, "t*2t t", "0 1")
C("bool", B, "{t f t}%4", "0 1")

# --- ^name variables ------------------------------------------------------------------------
C("variable", S, "^foo", "0 2", controls="foo=s:sn")
C("variable", S, "^foo bd", "0 1", controls="foo=s:sn")
C("variable", S, "^foo", "0 1")
C("variable", S, "^foo bd", "0 1")
C("variable", S, "^foo", "0 2", controls="foo=ps:a b")
C("variable", S, "[^foo ^bar]", "0 1", controls="foo=s:x;bar=s:y")
C("variable", S, "<^foo bd>", "0 2", controls="foo=s:sn")
C("variable", S, "^foo(3,8)", "0 1", controls="foo=s:sn")
C("variable", S, "^foo?", "0 4", controls="foo=s:sn")
C("variable", S, "^", "0 1")
C("variable", S, "^x^y", "0 1")
C("variable", D, "^amp 1", "0 1", controls="amp=f:0.5")
C("variable", D, "^amp", "0 2", controls="amp=pf:1 2.5")
C("variable", D, "^amp 1", "0 1")
C("variable", N, "^n e", "0 1", controls="n=n:3")
C("variable", I, "^i 7", "0 1", controls="i=i:2")

# --- whitespace ------------------------------------------------------------------------------
C("whitespace", S, "bd\tsn\nhh", "0 1")
C("whitespace", S, "  bd   sn  ", "0 1")
C("whitespace", S, "{ bd sn , a b c }% 4", "0 1")
C("whitespace", S, "   ", "0 1")
C("whitespace", S, "bd\n\nsn", "0 1")
C("whitespace", S, "[ bd\tsn ]", "0 1")
C("whitespace", S, "\tbd\r\nsn\r\n", "0 1")
C("whitespace", S, "< a\tb >\n", "0 2")
C("whitespace", S, "bd(3,\n8)", "0 1")
C("whitespace", S, "[bd sn] -- note", "0 1", quirk="1.7 skips a Haskell comment after a bracket")
C("whitespace", S, "bd*2 -- note", "0 1", quirk="1.7 skips a Haskell comment after a number")

# --- deep nesting / long strings / combinations ----------------------------------------------
C("nesting", S, "[[[[[[[[[[[[[[[[[[[[bd sn]]]]]]]]]]]]]]]]]]]]", "0 1")
C("nesting", S, "<<<<a b> c> d> e>", "0 16")
C("nesting", S, "{[<a b> c], d [e f]}", "0 2")
C("nesting", S, "[a [b [c [d [e [f [g [h [i [j]]]]]]]]]]", "0 1")
C("nesting", S, "<[a <b [c <d e>]>] f>", "0 8")
C("nesting", S, "[a, [b, [c, [d, e]]]]", "0 1")
C("nesting", S, "{a {b {c d}%3}%2}%5", "0 2")
C("long", S, " ".join(["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n",
                       "o", "p", "q", "r", "s", "t", "u", "v", "w", "x", "y", "z"] * 2 + ["a"] * 12),
  "1/2 1")
C("long", S, " ".join("n%d" % i for i in range(100)), "0 1")
C("long", S, " ".join("[a b]" for _ in range(32)), "0 1")
C("long", S, "bd*64", "0 1")
C("long", I, " ".join(str(i) for i in range(64)), "0 1")
C("combo", S, "[bd(<3 5>,8,<0 2>)]*<1 2> . sn?0.3", "0 2")
C("combo", S, "[[a b]*2 c]/1.5 d", "0 3")
C("combo", S, "bd*2 [sn cp] <hh oh> bd(3,8)", "0 4")
C("combo", S, "[bd*16?, hh*8, [sn|cp]*4] . <a [b c]>(5,8,<0 2>) {x y z}%8", "0 2")
C("combo", S, "[bd*16?, hh*8, [sn|cp]*4] . <a [b c]>(5,8,<0 2>) {x y z}%8", "1000 1001")
C("combo", S, "[bd*16, hh*27, ~ sn:3]*8 <a b c>(5,8)", "0 1/2")
C("combo", S, "bd*2 . [~ sn]!2 . hh(3,8,<0 2>) . <cp [cp cp]>?", "0 4")
C("combo", S, "{bd*2, hh*3 [~ oh]}%<4 8> sn@3", "0 2")
C("combo", S, "<bd sn:2>!2 [hh|oh|~]*4 cp/2", "0 8")
C("combo", N, "<c'maj e'min7'ii> [0 .. 3]*2 c5?", "0 4")
C("combo", I, "[0 .. 3]!2 <5 7>(3,8) ~ 12", "0 2")
C("combo", D, "[0.25 0.5]*<2 3> . <1 -1>!3 ~ 2@2", "0 2")
C("combo", S, "[a b c]/1.5 . d*<2 3 4> e", "1/3 10/3")

# --- tagged parse errors in the main corpus -------------------------------------------------
# Chained operators: rejected by 1.7.10; later Tidal's top-level parser applies a trailing
# `*n` to the whole sequence (so it accepts these), and Strudel chains them.
C("fast", S, "bd*2*2", "0 1", expect="parse", quirk=True, extension=True)
C("slow", S, "bd/2*2", "0 2", expect="parse", quirk=True, extension=True)

# --- later-Tidal behaviours (1.7.10 answer recorded, tagged quirk) ----------------------------
# 1.7.10's number parsers swallow the whitespace after a number, so a following lone ratio
# letter (w h q e s t f x) multiplies that number; Tidal 1.8 fixed this (`bd*2 e` is two steps).
C("quirk_ratio_lexeme", S, "bd*2 e", "0 1", quirk=True)
C("quirk_ratio_lexeme", S, "bd*2 q sn", "0 1", quirk=True)
C("quirk_ratio_lexeme", S, "bd/2 t", "0 2", quirk=True)
C("quirk_ratio_lexeme", S, "bd*2 w", "0 1", quirk=True)
C("quirk_ratio_lexeme", S, "bd@2 e sn", "0 1", quirk=True)
C("quirk_ratio_lexeme", S, "bd*1%3 x", "0 1", quirk=True)
C("quirk_ratio_lexeme", D, "0.5 e", "0 1", quirk=True)
C("quirk_ratio_lexeme", D, "1 q 2", "0 1", quirk=True)
C("quirk_ratio_lexeme", D, "1 e3", "0 1", quirk=True)
C("quirk_ratio_lexeme", R, "1%3 q", "0 1", quirk=True)
# 1.7.10's `integer` skips spaces after its (empty) sign, so `_ 3` and `@ 2` read the number
# as the elongation; later Tidal's `pInteger` does not (`3` is the next step).
C("quirk_elongate_space", S, "a _ 5", "0 1", quirk=True)
C("quirk_elongate_space", S, "a _ 5 b", "0 1", quirk=True)
C("quirk_elongate_space", I, "5 @ 2 5", "0 1", quirk=True)
# 1.7.10's brackets are lexemes that eat the spaces after the closer, so a `?`, `*n` or `(k,n)`
# after a space still applies to the bracket; later Tidal closes with a plain `char`.
C("quirk_closer_lexeme", S, "hh [cp] ?", "0 4", quirk=True)
C("quirk_closer_lexeme", S, "hh <cp sn> ?", "0 4", quirk=True)
# ...and numbers eat the spaces after them: `a b*2 ?` degrades only `b*2` in 1.7.10.
C("quirk_ratio_lexeme", S, "a b*2 ?", "0 4", quirk=True)
# ...and so does `~`, the rest symbol: `a ~ ?` is `a ~?` in 1.7.10.
C("quirk_rest_lexeme", S, "a b ~ ?", "0 4", quirk=True)

# --- feet: a '.' with no step before it is a foot, even as '..' (found by fuzz-oracle.py) ----
C("foot", S, "[.. a]", "0 1")
C("foot", D, "a!2 .. b", "0 1")
C("foot", S, "a@2 .. b", "0 1")
C("foot", S, "a! ..b", "0 2")


# --------------------------------------------------------------------------------------------
# Strings Tidal 1.7.10 rejects at parse time (invalid.jsonl): (type, pattern, tags-or-None),
# tags written as one space-separated string.
# --------------------------------------------------------------------------------------------
INVALID = [
    # unclosed brackets of each kind
    (S, "[bd sn", None), (S, "<bd sn", None), (S, "{bd sn", None), (S, "bd(3,8", None),
    (S, "[bd [sn hh]", None), (S, "bd*<2", None), (S, "bd*[2 3", None), (S, "{a b}%<2", None),
    # stray or mismatched closers
    (S, "]", None), (S, "bd sn]", None), (S, "bd sn>", None), (S, "bd sn}", None),
    (S, ")", None), (S, "[bd sn]]", None), (S, "<[a b>]", None), (S, "{a b, c d>", None),
    (S, "bd(3,8]", None),
    # Euclid argument lists
    (S, "bd(3)", None), (S, "bd(3,8,2,1)", None), (S, "bd(3;8)", None),
    (S, "bd (3,8)", None), (S, "bd(3,8)(3,8)", None),
    # operators without operands, or with a bad one
    (S, "bd*", None), (S, "bd/", None), (S, "bd*z", None), (S, "bd*.5", None), (S, "bd*-", None),
    (S, "bd*^x", None), (S, "bd%2", None), (S, "<a b>%2", None),
    (S, "!", None), (S, "@", None), (S, "_ bd", None), (S, "? bd", None),
    (S, "bd ..", None), (S, "bd .. sn hh", None),
    # ! and @ on one step (Strudel allows it; Tidal does not)
    (S, "bd!@2", None), (S, "bd@2!", None), (S, "bd!3 _", None),
    # ^name takes no * or / (at top level later Tidal reads the `*2` as applying to the whole
    # sequence, so only the bracketed form is a plain error)
    (S, "<^x*2 a>", None), (S, "^x*2", "quirk"), (S, "^x/2", "quirk"),
    # characters that are not mini-notation
    (S, "bd#", None), (S, "bd;sn", None), (S, "bd'maj", None), (S, "'maj", None),
    # random choice mixed with a stack in one bracket
    (S, "[a | b, c]", None), (S, "[bd | sn", None),
    # other types
    (B, "true", None), (B, "2", None), (B, "tx", None), (B, "t(3,8", None),
    (I, "1.5", None), (N, "c'", None), (N, "c'maj' e", None),
    (D, "[{-1 2}]", "quirk"),    # 1.7: `{-` opens a Haskell comment after `[`; later: a polymeter
    # ?0 and ?1: the probability must be a decimal (an accident; Strudel accepts them)
    (S, "bd?0", "quirk"), (S, "bd*8?1", "quirk"),
    # chained * and / on one step: rejected by 1.7.10, a welcome Strudel-style extension for
    # Tala; later Tidal's top-level parser also takes a trailing `*n`/`/n` for the whole sequence
    (S, "bd*2*2", "quirk extension"), (S, "bd*2/2", "quirk extension"),
    (S, "bd/2*2", "quirk extension"), (S, "bd(3,8)*2", "quirk extension"),
    (S, "<bd*2*2 sn>", "extension"), (S, "{a b/2*2}", "extension"),
    # accepted by later Tidal (1.10: top-level `,` and `|`, `-` as a rest)
    (S, "bd, sn", "quirk"), (S, "bd | sn", "quirk"), (S, "bd - sn", "quirk"), (S, "-", "quirk"),
    (S, "bd sn *2", "quirk"),    # later Tidal applies a trailing *n to the whole sequence
    # A ratio letter followed by a letter (`hh` where a number is due): Tidal has read the
    # second letter when it gives up, so it points one past it (found by fuzz-oracle.py).
    (S, "bd*hh", None), (S, "bd*[2 hh]", None), (S, "bd*<1 sn>", None), (S, "{a}%4 [hh]", None),
    (R, "1 hx", None), (R, "[1 hh]", None), (D, "1 hh", None), (N, "[1 hh]", None),
    (I, "{1 2}%4 hh", None), (S, "{a b}%<2 4> [ee h]", None),
    # ...unless the letter is in a later member of a list, which Parsec's `sepBy` reads with
    # `many`, keeping only the error of its last try at a separator
    (S, "bd*<1, sn>", None), (S, "bd*[1, 2, sn]", None), (S, "bd*[1 | 2 | sn]", None),
    (S, "bd*{1 2, sn 3}", None), (S, "bd*[1, sn]", None), (S, "bd*<1, 2, 3 sx>", None),
    # a one-group `.` fails only at query time, so a later parse error is reported first
    # the probability after `?` is Parsec's `float`: once a digit is read, the error is where
    # the fraction or exponent runs out
    (S, "a?3", None), (S, "a?0.", None), (S, "a?0.x5", None), (S, "a??0.d9", None),
    (S, "a?05. b", None), (S, "cp?0.25e ?", None), (I, "7*0?07", None),
    # run-time failures (`{}`, `<>`, `@0`) come after a parse error further on
    (S, "f/{}2 3 4} ~", None), (S, "<c>*<>2 3>", None), (S, "bd@0 [", None), (B, "f/{}2 3 4} ~", None),
    # among numbers only, a sign commits the parser: the error is just after it
    (B, "1([ 5-],<8 4>)", None), (S, "bd(3,8,+)", None), (S, "bd*[2 -]", None), (S, "bd(-,8)", None),
    # '.' where no step precedes it is a foot even when another '.' follows
    (D, "2[.. 1%4", None), (S, "2[.. 1%4", None),
    # `%`: the denominator is read before the numerator is checked
    (S, "a*0.5%d", None), (S, "a*0.5%2", None), (D, "1.5%3", None),
    # 1.7.10: after a range ending in a note name, `integer` skips the space and fails
    (N, "[c .. e ]", "quirk"), (N, "c .. g ", "quirk"),
    (R, "1 . hh", None), (I, "1 . hh", None), (S, "a . )", None), (S, "{a}%3 . b [c", None),
]

# Strings that parse but fail when queried (runtime-errors.jsonl): (type, pattern).
RUNTIME = [
    (S, "<>"), (S, "{}"), (S, "bd ."), (S, "bd@0"), (S, "bd@0 sn"), (S, "[bd . ]"),
    (S, "bd*1%0"), (S, "bd@-1 sn"), (S, "bd*1."),
    (S, "{a}%3 . hh"), (S, "bd . ?"), (S, "a <> b"), (S, "{a, }"), (S, "[a@0 b]"),
]


# --------------------------------------------------------------------------------------------
# Machinery
# --------------------------------------------------------------------------------------------

def haskell_literal(s):
    """A Haskell string literal for `read` (JSON's \\u escapes are not Haskell)."""
    out = ['"']
    for ch in s:
        o = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif 32 <= o < 127:
            out.append(ch)
        else:
            out.append("\\%d\\&" % o)   # decimal escape; \& ends it before a following digit
    out.append('"')
    return "".join(out)


# Constructs whose meaning changed after Tidal 1.7.10. A pattern containing one must be tagged.
RATIO_AFTER_SPACE = re.compile(r"[0-9]\s+[whqestfx](?![A-Za-z])")  # `bd*2 e`, `1 q`
QUOTE_AFTER_SPACE = re.compile(r"[0-9]\s+'")                         # `0 'maj`
COMMENT = re.compile(r"--|\{-")


def range_then_more(pattern):
    """True if a `..` range's right end is followed by whitespace and another step.
    1.7.10 accepts `0 .. 3 4` only because the number `3` swallows the space after it;
    later Tidal rejects it."""
    closers, openers = "]>})", "[<{("
    for m in re.finditer(r"\.\.", pattern):
        i = m.end()
        while i < len(pattern) and pattern[i].isspace():
            i += 1
        if i < len(pattern) and pattern[i] in openers:      # bracketed end: skip to its closer
            depth = 0
            while i < len(pattern):
                depth += pattern[i] in openers
                depth -= pattern[i] in closers
                i += 1
                if depth == 0:
                    break
        else:                                                 # plain end: skip the token
            stops = closers + openers + ",|"
            while i < len(pattern) and not pattern[i].isspace() and pattern[i] not in stops:
                i += 1
        j = i
        while j < len(pattern) and pattern[j].isspace():
            j += 1
        if j > i and j < len(pattern) and pattern[j] not in closers + ",|":
            return True
    return False


def later_tidal_hazard(pattern):
    if range_then_more(pattern):
        return "range followed by more steps"
    for rx, why in ((RATIO_AFTER_SPACE, "number, space, ratio letter"),
                    (QUOTE_AFTER_SPACE, "number, space, chord quote"),
                    (COMMENT, "Haskell comment")):
        if rx.search(pattern):
            return why
    if re.search(r"\(\s*-", pattern):
        return "negative Euclid pulses"
    return None


def max_denominator(events):
    d = 1
    for e in events:
        for arc in (e["whole"] or []), e["part"]:
            for t in arc:
                d = max(d, Fraction(t).denominator)
        if isinstance(e["value"], str) and re.fullmatch(r"-?\d+/\d+", e["value"]):
            d = max(d, Fraction(e["value"]).denominator)
    return d


def run_oracle(oracle, rows):
    """rows: list of (id, type, begin, end, controls, pattern). Returns parsed JSON per row."""
    lines = []
    for cid, ty, b, e, ctl, pat in rows:
        lines.append("\t".join([cid, ty, b, e, ctl or "-", haskell_literal(pat)]))
    proc = subprocess.run([oracle], input="\n".join(lines) + "\n", capture_output=True,
                          text=True, encoding="utf-8", check=True)
    out = [json.loads(l) for l in proc.stdout.splitlines() if l.strip()]
    if len(out) != len(rows):
        sys.exit("oracle returned %d answers for %d questions" % (len(out), len(rows)))
    for (cid, *_), r in zip(rows, out):
        if r.get("id") != cid:
            sys.exit("oracle answer out of order at %s" % cid)
    return out


def answer_fields(r):
    """The oracle's answer without its id, in the oracle's own key order."""
    return {k: v for k, v in r.items() if k != "id"}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--oracle", default="/tmp/tidal-oracle/oracle")
    ap.add_argument("--out", default=OUT_DIR)
    args = ap.parse_args()

    # Give each case an id: feature-NNN, numbered in list order.
    counts = {}
    seen = set()
    for c in CASES:
        counts[c["feature"]] = counts.get(c["feature"], 0) + 1
        c["id"] = "%s-%03d" % (c["feature"], counts[c["feature"]])
        key = (c["type"], c["pattern"], tuple(c["arc"]), c["controls"])
        if key in seen:
            sys.exit("duplicate case: %r" % (key,))
        seen.add(key)
    inv = [dict(id="invalid-%03d" % (i + 1), type=t, pattern=p, tag=g)
           for i, (t, p, g) in enumerate(INVALID)]
    rt = [dict(id="runtime-%03d" % (i + 1), type=t, pattern=p) for i, (t, p) in enumerate(RUNTIME)]

    rows = [(c["id"], c["type"], c["arc"][0], c["arc"][1], c["controls"], c["pattern"]) for c in CASES]
    rows += [(x["id"], x["type"], "0", "1", None, x["pattern"]) for x in inv + rt]
    answers = dict(zip([r[0] for r in rows], run_oracle(args.oracle, rows)))

    problems = []
    mini = []
    for c in CASES:
        r = answers[c["id"]]
        got = "ok" if r["ok"] else r["error"]
        if got != c["expect"]:
            problems.append("%s %r: expected %s, oracle says %s %s"
                            % (c["id"], c["pattern"], c["expect"], got, r.get("message", "")))
        if not c["quirk"]:
            why = later_tidal_hazard(c["pattern"])
            if why:
                problems.append("%s %r: untagged but contains a later-Tidal hazard (%s)"
                                % (c["id"], c["pattern"], why))
            if r["ok"] and max_denominator(r["events"]) > 10**6:
                problems.append("%s %r: untagged but has Double-sized denominators"
                                % (c["id"], c["pattern"]))
        obj = {"id": c["id"], "feature": c["feature"], "type": c["type"],
               "pattern": c["pattern"], "arc": c["arc"]}
        if c["controls"]:
            obj["controls"] = c["controls"]
        if c["tags"]:
            obj["tags"] = c["tags"]
        obj.update(answer_fields(r))
        mini.append(obj)

    invalid = []
    for x in inv:
        r = answers[x["id"]]
        if r["ok"] or r["error"] != "parse":
            problems.append("%s %r: expected a parse error, oracle says %s"
                            % (x["id"], x["pattern"], "ok" if r["ok"] else r["error"]))
        obj = {"id": x["id"], "type": x["type"], "pattern": x["pattern"], "arc": ["0", "1"]}
        if x["tag"]:
            obj["tags"] = x["tag"].split()
        obj.update(answer_fields(r))
        invalid.append(obj)

    runtime = []
    for x in rt:
        r = answers[x["id"]]
        if r["ok"] or r["error"] != "runtime":
            problems.append("%s %r: expected a runtime error, oracle says %s"
                            % (x["id"], x["pattern"], "ok" if r["ok"] else r["error"]))
        obj = {"id": x["id"], "type": x["type"], "pattern": x["pattern"], "arc": ["0", "1"]}
        obj.update(answer_fields(r))
        runtime.append(obj)

    if problems:
        print("\n".join(problems), file=sys.stderr)
        sys.exit("%d problem(s); nothing written" % len(problems))

    os.makedirs(args.out, exist_ok=True)
    for name, objs in (("mini-notation.jsonl", mini), ("invalid.jsonl", invalid),
                       ("runtime-errors.jsonl", runtime)):
        with open(os.path.join(args.out, name), "w", encoding="utf-8") as f:
            for o in objs:
                f.write(json.dumps(o) + "\n")
    print("wrote %d mini-notation cases (%d tagged quirk), %d invalid (%d tagged), "
          "%d runtime errors to %s" % (len(mini), sum(1 for c in CASES if c["quirk"]), len(invalid),
             sum(1 for x in inv if x["tag"]), len(runtime), args.out))
    for feat in sorted(counts):
        print("  %-22s %d" % (feat, counts[feat]))


if __name__ == "__main__":
    main()
