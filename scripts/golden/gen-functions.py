#!/usr/bin/env python3
"""Regenerate the language golden file from the real TidalCycles (1.7.10).

    python3 scripts/golden/gen-functions.py [--build-dir /tmp/fn-oracle]

Needs GHC and Debian's libghc-tidal-dev (bash /work/shared/tools/tidal-oracle/build.sh
installs both); never run in CI.

How it works: every case below is an expression exactly as a Tidal user types it. The script
writes them into a generated Haskell module (FnCases.hs, in the build directory), each wrapped
in a type annotation chosen by the case's type, compiles it together with FnOracle.hs (the
driver, beside this script) and the mini-notation oracle's Oracle.hs (rendering), runs the
program once with every (expression, arc) query on stdin, and writes

    Tests/LanguageTests/Golden/functions.jsonl

in the format of reference/tidal-functions-sample.jsonl:
    {"id", "expression", "description", "type", "arc", "ok", "events"}
Types: string, double, note, int, rational, bool, and control (a ValueMap pattern, i.e. what
`s "bd" # n 1` builds; its values are JSON objects with sorted keys).

No expected value is written by hand: all events come from Tidal. The script stops without
writing if an expression fails at query time, times out, or yields a time with a
Double-sized denominator (Tala keeps decimals exact where Tidal goes through Double).
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
from fractions import Fraction

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
OUT = os.path.join(ROOT, "Tests", "LanguageTests", "Golden", "functions.jsonl")
ORACLE_SRC = "/work/shared/tools/tidal-oracle"     # holds Oracle.hs (rendering, sorting)

# Haskell result type for each case type.
HS_TYPE = {"string": "Pattern String", "double": "Pattern Double", "note": "Pattern Note",
           "int": "Pattern Int", "rational": "Pattern Rational", "bool": "Pattern Bool",
           "control": "ControlPattern"}

# --------------------------------------------------------------------------------------------
# The questions: F(expression, type, description, arcs)
#   arcs: "B E" or several separated by "|", e.g. "0 2|1/3 7/3"; one record per arc.
# --------------------------------------------------------------------------------------------
CASES = []


def F(expr, ty, desc, arcs="0 2"):
    CASES.append(dict(expr=expr, type=ty, desc=desc, arcs=[a.split() for a in arcs.split("|")]))


s_, d_, n_, i_, r_, b_, c_ = "string", "double", "note", "int", "rational", "bool", "control"

# --- time: fast, slow, hurry, rev, shifts --------------------------------------------------------
F('fast 2 "bd sn"', s_, "speed up by a constant", "0 1|1/3 7/3")
F('fast "<1 2>" "bd sn"', s_, "speed factor alternating per cycle", "0 2")
F('fast "1 2" "bd sn hh"', s_, "speed factor subdivided within the cycle", "0 1")
F('fast 1.5 "a b c"', s_, "fractional speed-up", "0 2")
F('slow 2 "bd sn hh"', s_, "slow down by a constant", "0 4")
F('slow "<1 2>" "a b"', s_, "patterned slow", "0 4")
F('hurry 2 $ s "bd sn"', c_, "fast plus speed multiplied", "0 1")
F('hurry "<1 2>" $ s "bd sn" # speed 1.5', c_, "patterned hurry on a pattern with speed", "0 2")
F('rev "a b c"', s_, "reverse each cycle", "0 2")
F('rev "<a b> c(3,8)"', s_, "reverse alternation and euclid", "0 2")
F('rev $ s "bd*2 [sn cp]"', c_, "reverse a control pattern", "1/3 7/3")
F('0.25 ~> "a b c d"', s_, "shift later by a quarter", "0 1")
F('"<0 0.25>" ~> "a b c d"', s_, "patterned shift later", "0 2")
F('0.25 <~ "a b c d"', s_, "shift earlier by a quarter", "0 1")
F('"<0 0.25 0.5>" <~ s "bd sn hh"', c_, "patterned shift earlier of a control pattern", "0 3")
F('(1/3) ~> "a b"', s_, "shift by a third", "100 101")
F('"e" ~> "a*4"', s_, "shift by a ratio letter (e = 1/8)", "0 1")

# --- conditional and random transformations ---------------------------------------------------
F('every 2 (fast 2) "bd sn"', s_, "apply a function every other cycle", "0 4|1/3 7/3")
F('every "<2 3>" rev "a b c"', s_, "patterned every", "0 6")
F('every 3 (0.25 <~) $ s "bd sn"', c_, "every with a shift section", "0 3")
F('whenmod 4 2 (# speed 2) $ s "bd sn"', c_, "apply when cycle mod 4 >= 2", "0 4|100 102")
F('whenmod 4 2 rev "a b c"', s_, "whenmod with rev", "0 4")
F('sometimesBy 0.5 (# speed 2) $ s "bd*8"', c_, "randomly apply per event (seeded)", "0 2|100 101")
F('sometimesBy "<0.2 0.8>" (# crush 4) $ s "hh*8"', c_, "patterned probability", "0 2")
F('sometimes (# crush 4) $ s "hh*8"', c_, "sometimes = 50%", "0 2")
F('often (fast 2) "a*4"', s_, "often = 75%", "0 2")
F('rarely (# speed 2) $ s "bd*8"', c_, "rarely = 25%", "0 2")
F('almostNever (# speed 2) $ s "bd*8"', c_, "almostNever = 10%", "0 2")
F('almostAlways (# speed 2) $ s "bd*8"', c_, "almostAlways = 90%", "0 2")
F('someCyclesBy 0.5 (# speed 2) $ s "bd*4"', c_, "apply to whole cycles at random", "0 8|100 104")
F('degrade "hh*8"', s_, "drop half the events (seeded)", "0 2|100 101")
F('degradeBy 0.9 "hh*16"', s_, "drop 90% of events", "0 2|1/3 7/3")
F('degradeBy "<0.2 0.8>" "hh*8"', s_, "patterned degrade amount", "0 2")
F('unDegradeBy 0.5 "hh*8"', s_, "keep the events degradeBy would drop", "0 2")
F('while "1 0" (fast 2) "a b c d"', s_, "apply where the bool pattern is true", "0 1")
F('while "<1 [1 0]>" rev "a b c d"', s_, "patterned while", "0 2")

# --- euclid family -----------------------------------------------------------------------------
F('euclid 3 8 "bd"', s_, "euclidean rhythm", "0 1")
F('euclid "<3 5>" 8 "bd"', s_, "patterned pulse count", "0 2")
F('euclid 3 "<8 16>" $ s "bd"', c_, "patterned step count on a control pattern", "0 2")
F('euclidInv 3 8 "bd"', s_, "inverted euclidean rhythm", "0 1")
F('euclidFull 3 8 "bd" "hh"', s_, "euclid with the off-steps filled", "0 1")
F('euclidOff 3 8 2 "bd"', s_, "euclid with rotation", "0 1")
F('euclidOff "<3 5>" 8 "<0 2>" "bd"', s_, "patterned euclid with rotation", "0 2|1/3 7/3")

# --- repetition and reordering -------------------------------------------------------------------
F('ply 2 "a b"', s_, "repeat each event", "0 1")
F('ply "<2 3>" "a b"', s_, "patterned ply", "0 2|100 102")
F('iter 4 "a b c d"', s_, "rotate start each cycle", "0 4|100 101")
F("iter' 4 \"a b c d\"", s_, "rotate start backwards each cycle", "0 4")
F('palindrome "a b c"', s_, "alternate forwards and backwards cycles", "0 4|100 102")
F('rot 1 "a b c d"', s_, "rotate values by one step", "0 1")
F('rot "<1 2>" "a ~ b c"', s_, "patterned rotate, rests keep their place", "0 2")
F('shuffle 4 "a b c d"', s_, "random permutation of parts (seeded)", "0 4|100 101")
F('scramble 4 "a b c d"', s_, "random parts with replacement (seeded)", "0 4|1/3 7/3")
F('chunk 4 (fast 2) "a b c d"', s_, "apply to one quarter per cycle", "0 4|101 103")
F('chunk 4 (hurry 2) $ s "a b c d"', c_, "chunk with hurry", "0 4")
F('linger 0.25 "a b c d"', s_, "repeat the first quarter", "0 1")
F('linger "<0.25 0.5>" "a b c d"', s_, "patterned linger", "0 2")
F('brak "a b"', s_, "squash every other cycle", "0 2")
F('inside 2 rev "a b c d"', s_, "apply rev inside a 2-cycle frame", "0 2")
F('outside 2 rev "<[a b] [c d]>"', s_, "apply rev outside, over 2 cycles", "0 2")
F('swingBy (1/3) 4 "hh*8"', s_, "delay every other subdivision", "0 1|100 101")
F('fastGap 2 "a b"', s_, "squash into the first half, leave a gap", "0 2")
F('compress (1/4, 3/4) "a b"', s_, "compress a cycle into 1/4..3/4", "0 1")
F('zoom (0.25, 0.75) "a b c d"', s_, "zoom into the middle half", "0 1")
F('segment 4 $ range 1 5 saw', d_, "sample a scaled saw 4 times per cycle", "0 1")
F('segment "<2 4>" sine', d_, "patterned segment of sine", "0 2")

# --- layering ------------------------------------------------------------------------------------
F('superimpose (fast 2) "bd sn"', s_, "stack with a transformed copy", "0 1")
F('superimpose ((# speed 2) . (0.125 <~)) $ s "bd sn"', c_, "superimpose with a composition", "0 1")
F('off 0.25 (# crush 4) $ s "bd sn"', c_, "offset transformed copy", "0 1|1/3 7/3")
F('off "e" (|+ n 12) $ n "0 3" # s "superpiano"', c_, "off by a ratio letter, adding to n", "0 1")
F('layer [rev, fast 2] "a b c"', s_, "stack the results of several functions", "0 1")
F('jux rev $ s "bd sn"', c_, "original left, reversed right", "0 1|100 101")
F('jux (hurry 2) $ s "bd sn" # n 1', c_, "jux with hurry", "0 1")
F('stack ["a b", "c*3"]', s_, "stack patterns", "0 1")
F('overlay "a b" "c*3"', s_, "stack two patterns", "0 1")

# --- concatenation ---------------------------------------------------------------------------
F('cat ["a", "b c"]', s_, "one pattern per cycle", "0 4")
F('slowcat ["a", "b c", "d*3"]', s_, "slowcat is cat", "1/3 7/3")
F('fastcat ["a", "b c"]', s_, "all patterns in one cycle", "0 2")
F('timeCat [(1, "a"), (2, "b c")]', s_, "concatenate with relative durations", "0 1")
F('randcat ["a", "b*2", "c d"]', s_, "random pattern per cycle (seeded)", "0 8|100 104")

# --- structure and masks ---------------------------------------------------------------------
F('struct "t ~ t t" $ s "bd"', c_, "take structure from a bool pattern", "0 1")
F('struct "t(3,8)" "a"', s_, "euclidean structure", "0 1")
F('struct "t f t t" "a"', s_, "false steps leave gaps", "0 1")
F('struct "t*2 <t f>" $ s "bd" # n "<0 1>"', c_, "structure with alternation", "0 2")
F('mask "1 0 1 1" "a*8"', s_, "remove events where false", "0 1")
F('mask "<1 [0 1]>" $ s "hh*8"', c_, "patterned mask", "0 2")

# --- sample manipulation -----------------------------------------------------------------------
F('striate 2 $ s "bd sn"', c_, "interlace parts of samples (begin/end)", "0 1|1/3 7/3")
F('striate "<2 4>" $ s "bd"', c_, "patterned striate", "0 2")
F('chop 2 $ s "bd sn"', c_, "cut each sample into parts", "0 1")

# --- signals, random, numbers ------------------------------------------------------------------
F('segment 4 rand', d_, "random floats sampled 4 per cycle", "0 1|100 101")
F('segment 4 $ irand 8', i_, "random integers below 8", "0 2")
F('segment 8 $ irand "<4 8>"', i_, "patterned irand", "0 1")
F('segment 4 perlin', d_, "perlin noise sampled", "0 2|100 101")
F('segment 4 sine', d_, "sine sampled", "0 1")
F('segment 4 cosine', d_, "cosine sampled", "0 1")
F('segment 4 saw', d_, "saw sampled", "0 1")
F('segment 4 square', d_, "square sampled", "0 1")
F('segment 4 tri', d_, "triangle sampled", "0 1")
F('segment 2 $ range "<1 2>" 5 sine', d_, "range with a patterned low end", "0 2")
F('struct "t*3" $ range 100 200 perlin', d_, "perlin through a structure", "1/3 7/3")
F('sine', d_, "raw continuous sine (no whole)", "0 1/4|1/3 1/2")
F('rand', d_, "raw continuous random value", "0 1/8|7/3 5/2")
F('perlin', d_, "raw continuous perlin", "1/2 1")
F('range 1 5 saw', d_, "raw continuous scaled saw", "1/4 1/2")
F('run 4', d_, "0 to 3 in one cycle", "0 1")
F('run "<4 8>"', d_, "patterned run", "0 2")
F('scan 4', i_, "growing runs", "0 4")
F('"0 2" + "10 20 30"', d_, "add, structure from both", "0 1")
F('"10 20" - "1 2 3"', d_, "subtract, structure from both", "0 1")
F('"1 2" * "3 <4 5>"', d_, "multiply", "0 2")
F('"1 2" / "4"', d_, "divide", "0 1")
F('"0 .. 3" + "<0 12>"', n_, "add an alternating transposition to a range", "0 2")

# --- notes, chords, scales -----------------------------------------------------------------------
F('arp "<up down>" "c\'maj e\'min"', n_, "arpeggiate chords", "0 2|100 102")
F('arp "<updown thumbup>" "c\'maj\'4"', n_, "arpeggio modes", "0 2")
F('arpeggiate "c\'maj e\'min"', n_, "arpeggiate upwards", "0 1")
F('n (arp "up" "c\'maj") # s "superpiano"', c_, "arpeggio as a control", "0 1")
F('scale "major" "0 .. 7"', n_, "map degrees to a scale", "0 1")
F('scale "<major minor>" "0 2 4"', n_, "patterned scale name", "0 2")
F('n (scale "ritusen" "0 .. 4") # s "superpiano"', c_, "scale in a control", "0 1")
F('toScale [0, 2, 7] "0 1 2 3"', n_, "map degrees to a given list", "0 1")
F('up "0 12" # s "arpy"', c_, "up control", "0 1")
F('every 2 (+ 12) "0 7"', n_, "every with an addition section", "0 2")

# --- controls --------------------------------------------------------------------------------
F('s "bd*2" # n "<0 3>"', c_, "sample name and number", "0 2|1/3 7/3")
F('sound "bd:3 sn"', c_, "sound splits bd:3 into s and n", "0 1")
F('s "bd sn" # note "0 7"', c_, "note control", "0 1")
F('s "hh*4" # gain "1 0.8"', c_, "gain", "0 1")
F('s "bd sn" # pan sine', c_, "continuous pan sampled at event onsets", "0 1")
F('s "hh*4" # pan rand', c_, "random pan per event", "0 1")
F('s "bd*8" # gain perlin', c_, "perlin gain", "0 1")
F('s "bd*4" # speed "<1 2>"', c_, "patterned speed", "0 2")
F('s "bev" # begin 0.25 # end 0.5', c_, "begin and end", "0 1")
F('s "bd*2" # cut 1', c_, "cut group", "0 1")
F('s "superpiano" # legato 0.5 # sustain 2', c_, "legato and sustain", "0 1")
F('s "bd" # orbit 1 # room 0.3 # size 0.8', c_, "orbit, room, size", "0 1")
F('s "bd*2" # shape 0.5 # crush 4 # coarse "2 4"', c_, "distortion controls", "0 1")
F('s "bd*4" # cutoff (range 200 2000 sine) # resonance 0.2', c_, "filter with continuous cutoff", "0 1")
F('s "hh*2" # hcutoff 1000', c_, "high-pass cutoff", "0 1")
F('s "a*2" # vowel "<a e>"', c_, "vowel filter", "0 2")
F('s "bd" # delay 0.5 # delaytime 0.25 # delayfeedback 0.5', c_, "delay controls", "0 1")
F('s "bd" # accelerate "-1"', c_, "accelerate", "0 1")
F('s "bd" # cps 0.5', c_, "cps as a control", "0 1")
F('s "bev" # unit "c" # speed 1', c_, "unit", "0 1")
F('s "bd" # squiz 2', c_, "squiz", "0 1")
F('s "bd sn" # lpf 1000 # hpf 200', c_, "lpf and hpf aliases", "0 1")
F('n "0 .. 3" # s "drum"', c_, "range in n", "0 1")
F('sound "drum*2" # n (irand 8)', c_, "random sample numbers", "0 2")

# --- operators ---------------------------------------------------------------------------------
F('n "0 2" |+| n "10 20 30"', c_, "add, structure from both", "0 1")
F('n "0 2" |+ n "10 20 30"', c_, "add, structure from the left", "0 1")
F('n "0 2" +| n "10 20 30"', c_, "add, structure from the right", "0 1")
F('n "0 2" + n "<12 7>"', c_, "plain + on control patterns", "0 2")
F('n "0 1 2" |< n "5 6"', c_, "|< operator", "0 1")
F('s "bd*4" # n 1 |> n "2 3"', c_, "|> operator", "0 1")
F('s "bd*2" # speed 2 |* speed "1 1.5"', c_, "|* keeps structure from the left", "0 1")
F('s "bd*2" # n 10 |- n "<1 2>"', c_, "|- with an alternating right side", "0 2")
F('s "bd sn" # n "0 1" |+ n 12', c_, "adding a constant to n", "100 101")
F('every 2 (# speed 2) $ s "bd sn"', c_, "# section", "0 2")
F('every 2 (0.25 ~>) $ s "bd sn"', c_, "~> section", "0 2")
F('every 2 ((1/4) ~>) $ s "bd sn"', c_, "~> section with a parenthesised fraction", "0 2")
F('every 2 (fast 2 . rev) $ "a b c"', s_, "function composition with .", "0 2")
F('(rev . fast 2) "a b c"', s_, "composition applied directly", "0 1")
F('jux (rev . (# speed 2)) $ s "a b"', c_, "jux with a composed function", "0 1")
F('fast 2 $ rev $ "a b c"', s_, "chained $", "0 1")
F('(# n 3) $ s "bd*2"', c_, "applying a section", "0 1")

# --- more patterned arguments and corners (added with the language, issue 4) -------------------
F('segment 8 cosine', d_, "cosine sampled", "0 1")
F('segment 8 tri', d_, "triangle sampled eight times", "0 1|1/3 4/3")
F('segment 3 square', d_, "square sampled off the grid", "0 1")
F('linger (-0.25) "a b c d"', s_, "linger on the last quarter (1.7 reverses)", "0 1")
F('linger "<0.25 -0.25>" "a b c d"', s_, "patterned linger with a negative value", "0 2")
F('chunk "<2 4>" (hurry 2) $ s "a b c d"', c_, "patterned chunk", "0 4")
F('iter "<2 4>" "a b c d"', s_, "patterned iter", "0 4")
F('rot "<1 -1>" "a b c d"', s_, "rot with a negative amount", "0 2")
F('palindrome $ s "a b"', c_, "palindrome of controls", "0 3")
F('toScale [0, 4, 7] "-1 -4 5"', n_, "toScale with negative degrees", "0 1")
F('arp "<converge diverge disconverge>" "c\'maj\'5"', n_, "arp converge modes", "0 3")
F('arp "<pinkyup pinkyupdown thumbupdown>" "c\'maj"', n_, "arp pinky and thumb modes", "0 4")
F('chop 2 $ s "bd sn" # begin 0.25', c_, "chop within a begin", "0 1")
F('striate 2 $ s "bd" # end 0.5', c_, "striate within an end", "0 1")
F('jux (fast 2) $ s "bd" # pan 0.3', c_, "jux keeps a pan offset", "0 1")
F('sometimesBy 0.3 (fast 2) $ s "bd*4"', c_, "sometimesBy with a time function", "0 2")
F('someCyclesBy "<0.2 0.8>" (# speed 2) $ s "bd*2"', c_, "patterned someCyclesBy", "0 4")
F('s "x*2" # n 1 |- speed 2', c_, "|- negates keys only on the right", "0 1")
F('n "1 2" |/ n 4', c_, "|/ on notes", "0 1")
F('s "x" # cut 3 |/ cut 2', c_, "|/ leaves ints alone", "0 1")
F('n "0 1" |% n 2 # s "x"', c_, "|% on notes", "0 1")
F('"1 2" |< "3 4 5"', d_, "|< on plain numbers keeps the left values", "0 1")
F('"1 2" >| "3 4 5"', d_, ">| takes values and structure from the right", "0 1")
F('"1 2 3" - 1', d_, "subtract a number", "0 1")
F('"1 2" * "<2 3>" + 1', d_, "arithmetic precedence", "0 2")
F('run 4.5', d_, "run with a fractional count", "0 1")
F('scan "<2 3>"', d_, "patterned scan", "0 4")
F('segment 4 $ irand "<2 8>"', i_, "patterned irand", "0 2")
F('whenmod 8 "<4 6>" (fast 2) "a b"', s_, "patterned whenmod", "0 8")
F('every "<2 3>" (0.25 <~) "a b"', s_, "patterned every with a shift", "0 6")
F('swingBy "<0 0.25>" 4 "hh*8"', s_, "patterned swing amount", "0 2")
F('inside "<2 4>" rev "a b c d"', s_, "patterned inside", "0 2")
F('off "<0.25 0.125>" (# crush 4) $ s "bd"', c_, "patterned off", "0 2")
F('degradeBy 0.5 $ s "hh*8" # n "0 1"', c_, "degradeBy on controls", "0 1")
F('scramble "<2 4>" "a b c d"', s_, "patterned scramble", "0 2")
F('shuffle "<2 4>" "a b c d"', s_, "patterned shuffle", "0 2")
F('striate "<2 3>" $ s "bd sn"', c_, "patterned striate", "0 2")
F('chop "<1 3>" $ s "bd"', c_, "patterned chop", "0 2")
F('ply "2 3" "a b"', s_, "ply with a sequence of factors", "0 1")
F('range 1 "<2 4>" $ segment 2 saw', d_, "range with a patterned top", "0 2")
F('euclidFull "<3 5>" 8 "bd" "hh"', s_, "patterned euclidFull", "0 2")
F('euclidInv "<3 5>" 8 "bd"', s_, "patterned euclidInv", "0 2")
F('fastGap "<2 3>" "a b"', s_, "patterned fastGap", "0 2")
F('struct "t(<3 5>,8)" $ s "bd"', c_, "struct with a patterned euclid", "0 2")
F('mask "t f" $ s "bd*4" # n "1 2"', c_, "mask of controls", "0 1")
F('while "<1 0> 1" (# speed 2) $ s "bd*4"', c_, "while with controls", "0 2")
F('superimpose ((1/8) ~>) $ n "0 3" # s "x"', c_, "superimpose with a shift", "0 1")
F('layer [id, (+ 12), (|- 12)] "0 7"', n_, "layer with sections", "0 1")
F('stack [s "bd*2", s "hh*3" # gain 0.8]', c_, "stack of controls", "0 1")
F('cat [s "bd*2", fast 2 $ s "sn"]', c_, "cat of controls", "0 3")
F('fastcat ["a", "b c", "~ d"]', s_, "fastcat of three", "0 1")
F('timeCat [(1, s "bd*4"), (1, s "hh27*8"), (2, s "superpiano" # n 0)]', c_, "timeCat of controls", "0 1")
F('randcat [s "bd*2", s "sn", s "hh*3"]', c_, "randcat of controls", "0 4")
F('brak $ s "bd sn"', c_, "brak on controls", "0 4")
F('outside "<2 1>" rev "<[a b] [c d]>"', s_, "patterned outside", "0 4")
F('scale "<major minor dorian>" "0 .. 4" + "<0 12>"', n_, "scale plus octave", "0 3")
F('up "0 12" + n "1"', c_, "up plus n", "0 1")
F('(1/8) <~ (s "bd*2" # n "<0 3>")', c_, "shift a combined pattern", "0 2")

# --- found by fuzz-oracle.py ------------------------------------------------------------------
F('euclid 5 0 "x"', s_, "euclid with zero steps plays the pulses (no guard, unlike bd(5,0))", "0 1")
F('euclidInv 0 4 "x"', s_, "euclidInv with no pulses plays every step", "0 1")
F('euclidFull 3 0 "x" "y"', s_, "euclidFull with zero steps", "0 1")
F('euclidInv "<0 3>" "<4 0>" "x"', s_, "patterned euclidInv through zero", "0 2")
F('timeCat [(1%3, "a"), (1, "b c")]', s_, "Haskell's % for exact fractions", "0 1")
F('compress (1%4, 3%4) $ s "bd sn"', c_, "% in a time span", "0 1")


# --------------------------------------------------------------------------------------------
# Machinery
# --------------------------------------------------------------------------------------------

def write_cases_module(path):
    """The generated Haskell module: one AnyPat per distinct expression, keyed e001, e002..."""
    lines = [
        "{-# LANGUAGE OverloadedStrings #-}",
        "-- GENERATED by scripts/golden/gen-functions.py; edit the case list there, not this file.",
        "module FnCases (cases) where",
        "",
        "import Sound.Tidal.Context",
        "import Oracle (AnyPat (..))",
        "",
        "cases :: [(String, AnyPat)]",
        "cases =",
    ]
    for i, c in enumerate(CASES):
        lead = "  [ " if i == 0 else "  , "
        lines.append('%s("%s", AnyPat ((%s) :: %s))' % (lead, c["key"], c["expr"], HS_TYPE[c["type"]]))
    lines.append("  ]")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


def build(build_dir):
    os.makedirs(build_dir, exist_ok=True)
    write_cases_module(os.path.join(build_dir, "FnCases.hs"))
    exe = os.path.join(build_dir, "fnoracle")
    cmd = ["ghc", "-O0", "-package", "tidal",
           "-i%s:%s" % (build_dir, ORACLE_SRC),
           "-outputdir", os.path.join(build_dir, "build"),
           "-o", exe, os.path.join(HERE, "FnOracle.hs")]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        sys.stderr.write(r.stdout + r.stderr)
        sys.exit("FnOracle did not compile (see above); nothing written")
    return exe


def max_denominator(events):
    d = 1
    for e in events:
        for arc in (e["whole"] or []), e["part"]:
            for t in arc:
                d = max(d, Fraction(t).denominator)
    return d


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--build-dir", default="/tmp/fn-oracle")
    ap.add_argument("--out", default=OUT)
    args = ap.parse_args()
    if not shutil.which("ghc"):
        sys.exit("ghc not found: run bash /work/shared/tools/tidal-oracle/build.sh first")

    seen = set()
    for i, c in enumerate(CASES):
        if c["expr"] in seen:
            sys.exit("duplicate expression: %s" % c["expr"])
        seen.add(c["expr"])
        c["key"] = "e%03d" % (i + 1)
    exe = build(args.build_dir)

    # One record per (expression, arc).
    records = []
    for c in CASES:
        for arc in c["arcs"]:
            records.append(dict(id="fn-%03d" % (len(records) + 1), case=c, arc=arc))
    query = "".join("%s %s %s %s\n" % (r["id"], r["case"]["key"], r["arc"][0], r["arc"][1])
                    for r in records)
    p = subprocess.run([exe], input=query, capture_output=True, text=True, encoding="utf-8",
                       check=True)
    answers = [json.loads(l) for l in p.stdout.splitlines() if l.strip()]
    if [a.get("id") for a in answers] != [r["id"] for r in records]:
        sys.exit("FnOracle answers do not line up with the questions")

    problems = []
    out = []
    for r, a in zip(records, answers):
        c = r["case"]
        if not a["ok"]:
            problems.append("%s %s: %s %s" % (r["id"], c["expr"], a["error"], a.get("message", "")))
        elif max_denominator(a["events"]) > 10**6:
            problems.append("%s %s: Double-sized denominators in event times" % (r["id"], c["expr"]))
        obj = {"id": r["id"], "expression": c["expr"], "description": c["desc"],
               "type": c["type"], "arc": r["arc"]}
        obj.update({k: v for k, v in a.items() if k != "id"})
        out.append(obj)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        sys.exit("%d problem(s); nothing written" % len(problems))

    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        for o in out:
            f.write(json.dumps(o) + "\n")
    print("wrote %d records (%d expressions) to %s" % (len(out), len(CASES), args.out))


if __name__ == "__main__":
    main()
