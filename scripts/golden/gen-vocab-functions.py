#!/usr/bin/env python3
"""Golden cases for the performer's functions added by issue 14 (slicing, echoes, time), from
the real TidalCycles (1.7.10).

    python3 scripts/golden/gen-vocab-functions.py [--build-dir /tmp/vf-oracle]

Reuses gen-functions.py's machinery (FnOracle.hs, the same record format) with its own case
list and output file, Tests/LanguageTests/Golden/functions-vocab.jsonl, ids `vf-NNN`.

A case may give `oracle=`: the Haskell expression Tidal 1.7.10 evaluates when it lacks the name
(`echoWith`, `juxBy`, `jux4`, `ghostWith` …). That text is Tidal 1.9.5's own definition of the
name, unfolded by hand (cited beside the case); the expression Tala is tested on stays the
name as a user types it.
"""
import argparse
import importlib.util
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import oracle_cases  # noqa: E402
from oracle_cases import s_, d_, n_, i_, r_, b_, c_  # noqa: E402,F401

base = oracle_cases.load_base()

OUT = os.path.join(base.ROOT, "Tests", "LanguageTests", "Golden", "functions-vocab.jsonl")
OUT_TRANSITIONS = os.path.join(base.ROOT, "Tests", "LanguageTests", "Golden", "transitions.jsonl")
CASES = []
TRANSITIONS = []


def F(expr, ty, desc, arcs="0 2", oracle=None):
    CASES.append(oracle_cases.case(expr, ty, desc, arcs, oracle))




def T(statement, history, now, oracle, desc, arcs):
    """A transition typed as a statement (`xfadeIn 1 8 $ s "hh*4"`) at cycle `now`, the slot's
    earlier patterns `history` (newest first); the oracle applies Sound.Tidal.Transition's
    function (`oracle`, the function with its own arguments) to `now` and the list."""
    pattern = statement.split("$", 1)[1].strip()
    expr = "(%s) (%s) [%s]" % (oracle, now, ", ".join([pattern] + history))
    TRANSITIONS.append(dict(statement=statement, history=history, now=now, oracle=expr, desc=desc,
                            arcs=[a.split() for a in arcs.split("|")]))

# --- sample slicing --------------------------------------------------------------------------
F('striateBy 2 0.5 $ s "bd sn"', c_, "striateBy: two parts, each half a sample", "0 1")
F('striateBy "<2 4>" 0.25 $ s "bd*2"', c_, "striateBy with a patterned count", "0 2")
F("striate' 3 (1/8) $ s \"bev\"", c_, "striate' is striateBy", "0 1")
F('slice 4 "0 2" $ s "bev"', c_, "slice: two of four slices", "0 1")
F('slice 4 "<0 2> 3*2" $ s "bev*2"', c_, "slice with patterned indices", "0 2")
F('slice "<4 8>" "1 [2 -1]" $ s "bev"', c_, "slice with a patterned count and a negative index", "0 2")
F('splice 4 "0 2" $ s "bev"', c_, "splice sets speed and unit to fit the slot", "0 1")
F('splice "<4 8>" "0 2 3" $ s "bev" # speed 2', c_, "splice multiplies an existing speed", "0 2")
F('randslice 4 $ s "bev"', c_, "randslice: one random slice a cycle", "0 4")
F('randslice "<2 4>" $ s "bev*2"', c_, "randslice with a patterned count", "0 2")
F('loopAt 2 $ chop 4 $ s "break"', c_, "loopAt slows and sets speed and unit", "0 2")
F('loopAt "<1 2>" $ s "break*2"', c_, "loopAt with a patterned length", "0 3")
F('chew 4 "0 1 [2 3]" $ n "0 .. 7" # s "drum"', c_, "chew: bite that changes speed", "0 2")
F('chew "<2 4>" "0 [1 0]" $ s "bd sn hh cp" # speed 2', c_, "chew with a patterned count", "0 2")
F('bite 4 "0 2*2" "a b c d e f g h"', s_, "bite: slices replayed by index", "0 1")
F('bite "<2 4>" "0 [1 0]" "a b c d"', s_, "bite with a patterned count", "0 2")
F('bite 2 "<0 -1>" $ n "0 .. 3"', c_, "bite with a negative index wraps", "0 2")
F('squeeze "0 [1 0]" ["a b", "c d e"]', s_, "squeeze patterns into the index's events", "0 1")
F('squeeze "<0 2> 1" ["a", "b c"]', s_, "squeeze wraps indices", "0 2")
F('fit 1 ["bd", "sn", "hh"] "0 [1 2] 3"', s_, "fit: indices move on by one a cycle", "0 3")
F('fit "<1 2>" ["a", "b", "c"] "0 1"', s_, "fit with a patterned step", "0 3")
F('gap 4 $ s "bev"', c_, "gap: every other chop silent", "0 1")
F('gap "<2 4>" $ s "bd sn"', c_, "gap with a patterned count", "0 2")
F('smash 3 [2, 3, 4] $ s "ho ho:2 ho:3 hc"', c_, "smash: striate then slow by each factor", "0 9")
F("smash' 2 [1, 2] $ s \"bd sn\"", c_, "smash': chop then slow by each factor", "0 3")
F('stutter 4 (1/16) $ s "bd cp"', c_, "stutter: copies shifted by steps", "0 1")
F('stutter 3 (1/3) "a b"', s_, "stutter of a string pattern", "0 1|1/2 3/2")

# --- echoes ----------------------------------------------------------------------------------
F('stut 3 0.5 0.125 $ s "bd sn"', c_, "stut: copies with falling gain", "0 1")
F('stut "<2 3>" 0.5 "0.125 0.25" $ s "bd sn"', c_, "stut with patterned count and time", "0 2")
F('stut 4 0.5 0.125 $ jux rev $ s "bd*2 [sn cp]"', c_, "stut of jux (the bench pattern)", "0 1")
F('stutWith 3 (1/3) (# speed 2) $ s "bd sn"', c_, "stutWith applies a function per copy", "0 1")
F('stutWith "<2 3>" "<0.125 0.25>" (|* speed 2) $ s "bd"', c_, "stutWith with patterned count and time", "0 2")
F("stut' 2 0.25 (# crush 4) $ s \"bd\"", c_, "stut' is stutWith", "0 1")
# Tidal 1.9.5: echo count time fb = _echoWith count time (|* P.gain (pure fb)); echoWith = stutWith.
F('echo 4 0.2 0.5 $ s "bd sn"', c_, "echo: copies with gain multiplied each step", "0 1",
  oracle='stutWith 4 0.2 (|* gain 0.5) $ s "bd sn"')
F('echo "<2 3>" "<0.25 0.125>" 0.8 $ s "bd"', c_, "echo with patterned count and time", "0 2",
  oracle='stutWith "<2 3>" "<0.25 0.125>" (|* gain 0.8) $ s "bd"')
F('echoWith 3 (1/8) (|* speed 2) $ s "bd sn"', c_, "echoWith applies a function per copy", "0 1",
  oracle='stutWith 3 (1/8) (|* speed 2) $ s "bd sn"')
F('plyWith 3 (|* gain 0.8) $ s "a b"', c_, "plyWith: ply applying a function per repeat", "0 1")
F('plyWith "<2 3>" (fast 2) "a b"', s_, "plyWith with a patterned count", "0 2",
  oracle='plyWith ("<2 3>" :: Pattern Int) (fast 2) "a b"')

# --- time and shape --------------------------------------------------------------------------
F('swing 4 "hh*8"', s_, "swing: swingBy a third", "0 1")
F('swing "<2 4>" $ s "hh*8"', c_, "swing with a patterned division", "0 2")
F('ghost $ s "bd sn"', c_, "ghost notes", "0 1")
F("ghost' 0.25 $ s \"bd\"", c_, "ghost' with its own delay", "0 1")
# Tidal 1.9.5: ghostWith a f p = superimpose (((a*2.5) `rotR`) . f) $ superimpose (((a*1.5) `rotR`) . f) p
F('ghostWith (1/8) (# speed 2) $ s "bd sn"', c_, "ghostWith applies its own function", "0 1",
  oracle="ghost'' (1/8) (# speed 2) $ s \"bd sn\"")
F("chunk' 4 (fast 2) \"a b c d\"", s_, "chunk' goes backwards", "0 4")
F("chunk' \"<2 4>\" rev \"a b c d\"", s_, "chunk' with a patterned count", "0 4",
  oracle="chunk' (\"<2 4>\" :: Pattern Int) rev \"a b c d\"")
F('fastSqueeze "1 2" "a b"', s_, "fastSqueeze squeezes whole cycles into steps", "0 1")
F('slowSqueeze "1 2" "a b c"', s_, "slowSqueeze", "0 2")
F('press "a b c"', s_, "press moves each event to the second half of its slot", "0 1")
F('pressBy "<0.25 0.5>" $ s "a b"', c_, "pressBy with a patterned amount", "0 2")
F("every' 3 1 (fast 2) \"a b\"", s_, "every' with an offset", "0 6")
F("every' \"<2 3>\" 0 rev \"a b c\"", s_, "every' with a patterned period", "0 4")
F('foldEvery [2, 3] (fast 2) "a b"', s_, "foldEvery applies at several periods", "0 6")
F("jux' [id, rev, fast 2] $ s \"a b\"", c_, "jux' spreads a list of functions over pan", "0 1")
# Tidal 1.9.5: juxBy n f p = stack [p |+ P.pan 0.5 |- P.pan (n/2), f $ p |+ P.pan 0.5 |+ P.pan (n/2)]
F('juxBy 0.5 rev $ s "a b"', c_, "juxBy narrows the stereo spread", "0 1",
  oracle='stack [s "a b" |+ pan 0.5 |- pan (0.5/2), rev $ s "a b" |+ pan 0.5 |+ pan (0.5/2)]')
F('juxBy "<0.5 1>" (fast 2) $ s "a b" # pan 0.25', c_, "juxBy with a patterned width", "0 2",
  oracle='stack [s "a b" # pan 0.25 |+ pan 0.5 |- pan ("<0.5 1>"/2), '
         'fast 2 $ s "a b" # pan 0.25 |+ pan 0.5 |+ pan ("<0.5 1>"/2)]')
# Tidal 1.9.5: jux4 f p = stack [p # P.pan (pure (5/8)), f $ p # P.pan (pure (1/8))]
F('jux4 rev $ s "a b"', c_, "jux4 for four channels", "0 1",
  oracle='stack [s "a b" # pan (5/8), rev $ s "a b" # pan (1/8)]')
F('density 2 "a b"', s_, "density is fast", "0 1")
F('spin 2 $ s "a b"', c_, "spin: copies offset in time and pan", "0 1")
F('spin "<1 3>" $ s "bd sn" # pan 0.2', c_, "spin with a patterned count", "0 2")
F('wedge (1/4) "a b" "c d e"', s_, "wedge squeezes two patterns into one cycle", "0 1")
F('wedge "<0 0.5 1>" "a b" "c d"', s_, "wedge with a patterned split, ends included", "0 3")
F('spread fast [1, 2] "a b"', s_, "spread: one value a cycle", "0 3")
F('slowspread ($) [rev, fast 2] "a b c"', s_, "slowspread applies functions in turn", "0 2")
F('fastspread fast [1, 2] "a b"', s_, "fastspread: all values in one cycle", "0 1")
F('spreadf [rev, fast 2] "a b c"', s_, "spreadf: a list of functions", "0 2")
F('trunc 0.75 "a b c d"', s_, "trunc plays the first part of the cycle", "0 1")
F('trunc "<0.75 0.5>" $ s "bd sn*2 cp hh*4"', c_, "trunc with a patterned fraction", "0 2")
F('discretise 4 saw', d_, "discretise is segment", "0 1")

# --- corners: controls the functions read, patterned arguments, negative and fractional values ---
F('chop "<2 3>" $ s "bev" # begin 0.25', c_, "chop inside an existing begin", "0 2")
F('striateBy 3 "<0.5 0.25>" $ s "x"', c_, "striateBy with a patterned length", "0 2")
F('slice 2 "0 1" $ s "x" # begin 0.5', c_, "slice: the pattern's own begin wins", "0 1")
F('splice 4 "0 2" $ s "bev" # speed "1 2"', c_, "splice with a patterned speed", "0 1")
F('loopAt 2 $ s "break" # speed 2', c_, "loopAt multiplies an existing speed", "0 2")
F('chew 4 "0 [1 2]" $ n "0 .. 7" # s "drum" # speed "<1 2>"', c_, "chew multiplies speed", "0 2")
F('bite 4 "0 [2 1]" $ n "0 .. 7"', c_, "bite of a control pattern", "0 2")
F('fit 2 ["a", "b", "c", "d"] "0 [1 2]"', s_, "fit with a step of two", "0 3")
F('stutter 2 (1/3) $ s "bd"', c_, "stutter across cycle boundaries", "0 2")
F('stut 3 0.5 (-0.125) $ s "bd sn"', c_, "stut with a negative step", "0 1")
F('echo 3 0.2 0.5 $ s "bd" # gain 1.2', c_, "echo multiplies an existing gain", "0 2",
  oracle='stutWith 3 0.2 (|* gain 0.5) $ s "bd" # gain 1.2')
F('plyWith 2.5 (|* gain 0.8) $ s "a b"', c_, "plyWith with a fractional count", "0 1",
  oracle='plyWith (2.5 :: Pattern Double) (|* gain 0.8) $ s "a b"')
F('swing "<3 4>" "hh*8"', s_, "swing of a string pattern, patterned", "0 2")
F('ghost $ s "bd*2" # gain 0.9 # speed 2', c_, "ghost multiplies gain and speed", "0 1")
F("every' 3 \"<0 1>\" rev \"a b\"", s_, "every' with a patterned offset", "0 6")
F('wedge (1/3) (s "bd*2") (s "hh*3")', c_, "wedge of control patterns", "0 1")
F('spread ($) [fast 2, rev, (# speed 2)] $ s "a b"', c_, "spread ($) over a list of functions", "0 3")
F('fastspread ($) [id, (0.25 <~)] "a b c"', s_, "fastspread ($)", "0 1")
F('trunc 0.6 "a b c"', s_, "trunc cutting an event", "0 2")
F('pressBy "<0 0.75>" "a [b c]"', s_, "pressBy by nothing and by three quarters", "0 2")
F('spin 3 $ s "a b" # pan "0.1 0.9"', c_, "spin replaces pan", "0 1")
F("jux' [id, rev] $ s \"a b\" # pan 0.5", c_, "jux' adds to an existing pan", "0 1")
F('juxBy 0.25 (fast 2) $ s "a b"', c_, "juxBy with fast", "0 1",
  oracle='stack [s "a b" |+ pan 0.5 |- pan (0.25/2), fast 2 $ s "a b" |+ pan 0.5 |+ pan (0.25/2)]')
F('discretise "<2 4>" $ range 1 5 sine', d_, "discretise with a patterned count", "0 2")
F('fastSqueeze "<1 [2 3]>" $ s "a b"', c_, "fastSqueeze with a patterned factor", "0 2")
F('slowSqueeze 2 "a b c d"', s_, "slowSqueeze by a constant", "0 2")
F("chunk' 3 (# speed 2) $ s \"a b c\"", c_, "chunk' of a control pattern", "0 3")
F('foldEvery [3, 5] (0.25 <~) "a b c d"', s_, "foldEvery with a shift", "0 15")
F('density "<1 2>" $ s "a b"', c_, "density with a patterned factor", "0 2")
F('randslice 3 $ s "bev*4"', c_, "randslice of several events", "0 2")
F('smash 2 [1, 2] $ s "a b"', c_, "smash with two factors", "0 3")
F('gap 3 $ s "bev" # begin 0.5', c_, "gap inside an existing begin", "0 1")
F('squeeze "<0 1>*2" [s "a b", s "c"]', c_, "squeeze control patterns", "0 2")
F('stutWith 3 (1/8) (fast 2) "a b"', s_, "stutWith of a string pattern", "0 1")


# --- layers and fades ------------------------------------------------------------------------
F('juxcut rev $ s "a b"', c_, "juxcut: jux with cut groups", "0 1")
F("juxcut' [id, rev, fast 2] $ s \"a b\"", c_, "juxcut' with three functions", "0 1")
F('weave 4 (pan sine) [s "bd sn", s "hh*4"]', c_, "weave a pan sine over two patterns", "0 4")
F('weaveWith 3 (s "bd [sn drum:2*2] bd*2 [sn drum:1]") [fast 2, (# speed "0.5")]', c_,
  "weaveWith applies functions offset in time", "0 3")
F("weave' 2 \"a b\" [rev, fast 2]", s_, "weave' of a string pattern", "0 2")
F('interlace (s "bd sn") (s "hh*4")', c_, "interlace with shape", "0 2")
F('fadeOut 4 $ s "hh*8"', c_, "fadeOut drops more events over four cycles", "0 4")
F('fadeIn 4 $ s "hh*8"', c_, "fadeIn drops fewer events over four cycles", "0 4")
F('fadeOutFrom 2 4 $ s "hh*8"', c_, "fadeOutFrom starts at cycle two", "0 6")
F('fadeInFrom 1 2 "a*8"', s_, "fadeInFrom of a string pattern", "0 3")
F('splat 4 (speed "1 2") $ s "bev"', c_, "splat chops and squeezes an effect pattern", "0 1")
F('splat "<2 4>" (n "0 .. 3") $ s "bev*2"', c_, "splat with a patterned count", "0 2")

F('loopFirst "<a b c>"', s_, "loopFirst repeats cycle 0", "0 3")
F('loopFirst $ 0.25 ~> s "<a b>*2"', c_, "loopFirst keeps a fragment that crosses into cycle 1", "0 2")
F('timeLoop 2 "<a b c>"', s_, "timeLoop loops two cycles", "0 5")
F('timeLoop "<1 2>" $ n "<0 1 2 3>"', c_, "timeLoop with a patterned length", "0 4")
F('spaceOut [1, 0.5, 2] "a b"', s_, "spaceOut plays the pattern at three speeds", "0 4")
F('offadd 0.25 (n 12) $ n "0 7"', c_, "offadd adds to a shifted copy", "0 1")
F('offadd "<0.25 0.5>" "7 12" "0 1 2"', d_, "offadd of numbers, patterned", "0 2")

F('smash "<2 3>" [1, 2] $ s "a b"', c_, "smash with a patterned count", "0 4")
F('echoWith "<2 3>" "<0.125 0.25>" (# speed 2) $ s "bd sn"', c_, "echoWith with patterned count and time", "0 2",
  oracle='stutWith "<2 3>" "<0.125 0.25>" (# speed 2) $ s "bd sn"')

# --- transitions (Sound.Tidal.Transition, the same functions in 1.7.10 and 1.9.5) -------------
old = ['s "bd*2 sn"']
T('xfadeIn 1 2 $ s "hh*4"', old, "5/2", "xfadeIn 2", "crossfade over two cycles", "2 5")
T('xfade 1 $ n "0 1" # s "x"', old, "1", "xfadeIn 4", "xfade is xfadeIn 4", "1 3|6 7")
T('histpan 1 3 $ s "hh"', ['s "bd"', 's "sn"', 's "cp"'], "0", "histpan 3", "histpan pans the last three", "0 1")
T('wait 1 2 $ s "hh*2"', old, "5/4", "wait 2", "wait: silence until the cycle boundary", "1 4")
T('jump 1 $ s "hh*2"', old, "3/2", "jump", "jump switches at once", "1 3")
T('jumpIn 1 2 $ s "hh*2"', old, "3/2", "jumpIn 2", "jumpIn switches after two cycles", "1 5")
T("jumpIn' 1 1 $ s \"hh*2\"", old, "3/2", "jumpIn' 1", "jumpIn' switches at a cycle boundary", "1 4")
T('jumpMod 1 4 $ s "hh*2"', old, "5/2", "jumpMod 4", "jumpMod switches at a multiple of 4", "2 6")
T("jumpMod' 1 4 1 $ s \"hh*2\"", old, "5/2", "jumpMod' 4 1", "jumpMod' switches one cycle after", "2 7")
T('mortal 1 2 2 $ s "hh*4"', [], "1", "mortal 2 2", "mortal plays for a lifespan, then fades", "1 6")
T('interpolate 1 $ s "x*4" # pan 1 # n 8', ['s "x*2" # pan 0 # n 0'], "0", "interpolate",
  "interpolate moves numbers over 4 cycles", "0 5")
T('interpolateIn 1 2 $ s "x*4" # speed 2', ['s "x" # speed 1 # gain 1'], "1/2", "interpolateIn 2",
  "interpolateIn over two cycles", "0 3")
T('clutch 1 $ s "hh*8"', ['s "bd*8"'], "0", "clutch", "clutch degrades one into the other", "0 3")
T('clutchIn 1 4 $ s "hh*8"', ['s "bd*8"'], "1", "clutchIn 4", "clutchIn over four cycles", "1 6")
T('anticipate 1 $ s "hh*2"', ['s "bd sn"'], "0", "anticipate", "anticipate: echoes building for 8 cycles", "0 1|7 9")
T('anticipateIn 1 2 $ s "hh*2"', ['s "bd sn"'], "1/2", "anticipateIn 2", "anticipateIn over two cycles", "0 3")
T('xfadeIn 1 2 $ s "hh*4"', [], "0", "xfadeIn 2", "a transition on a new slot starts from silence", "0 1")


def transitions(build_dir):
    """The transition records: one per (case, arc)."""
    cases = [dict(key="t%03d" % (i + 1), expr=t["oracle"], type="control") for i, t in enumerate(TRANSITIONS)]
    # A slot never played has the history [silence] (Tidal's new PlayState).
    for c, t in zip(cases, TRANSITIONS):
        if not t["history"]:
            c["expr"] = c["expr"].replace("]", ", silence]") if c["expr"].endswith("]") else c["expr"]
    base.CASES = cases
    exe = base.build(build_dir)
    records = []
    for c, t in zip(cases, TRANSITIONS):
        for arc in t["arcs"]:
            records.append(dict(id="tr-%03d" % (len(records) + 1), case=c, t=t, arc=arc))
    query = "".join("%s %s %s %s\n" % (r["id"], r["case"]["key"], r["arc"][0], r["arc"][1]) for r in records)
    p = subprocess.run([exe], input=query, capture_output=True, text=True, encoding="utf-8", check=True)
    answers = [json.loads(l) for l in p.stdout.splitlines() if l.strip()]
    out = []
    for r, a in zip(records, answers):
        if not a["ok"] or base.max_denominator(a["events"]) > 10**6:
            sys.exit("%s %s: %s" % (r["id"], r["t"]["statement"], a.get("message", "Double-sized times")))
        obj = {"id": r["id"], "statement": r["t"]["statement"], "history": r["t"]["history"],
               "now": r["t"]["now"], "description": r["t"]["desc"], "oracle": r["case"]["expr"],
               "arc": r["arc"]}
        obj.update({k: v for k, v in a.items() if k != "id"})
        out.append(obj)
    with open(OUT_TRANSITIONS, "w", encoding="utf-8") as f:
        for o in out:
            f.write(json.dumps(o) + "\n")
    print("wrote %d records (%d transitions) to %s" % (len(out), len(TRANSITIONS), OUT_TRANSITIONS))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--build-dir", default="/tmp/vf-oracle")
    ap.add_argument("--out", default=OUT)
    args = ap.parse_args()
    oracle_cases.run(base, CASES, out=args.out, id_prefix="vf", build_dir=args.build_dir, simple=False)
    transitions(args.build_dir + "-transitions")


if __name__ == "__main__":
    main()
