#!/usr/bin/env python3
"""Golden events from Tidal 1.7.10 for the vocabulary added by issue 14 (choices, signals,
structure, scales, the Haskell helpers), written to

    Tests/LanguageTests/Golden/functions-more.jsonl

    python3 scripts/golden/gen-functions-more.py [--build-dir /tmp/fn-oracle-more]

Same machinery, record format and rules as gen-functions.py (which it imports); only the case
list differs, and the ids start with `more-`. Never run in CI.
"""
import importlib.util
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("genfunctions", os.path.join(HERE, "gen-functions.py"))
gen = importlib.util.module_from_spec(spec)
spec.loader.exec_module(gen)

OUT = os.path.join(gen.ROOT, "Tests", "LanguageTests", "Golden", "functions-more.jsonl")
gen.CASES.clear()
F = gen.F
s_, d_, n_, i_, r_, b_, c_ = "string", "double", "note", "int", "rational", "bool", "control"

# --- signals (Core) ------------------------------------------------------------------------
F('segment 4 sine2', d_, "bipolar sine sampled", "0 1")
F('segment 4 cosine2', d_, "bipolar cosine sampled", "0 1|1/3 4/3")
F('segment 4 saw2', d_, "bipolar saw sampled", "0 1")
F('segment 4 isaw', d_, "falling saw sampled", "0 2")
F('segment 4 isaw2', d_, "bipolar falling saw sampled", "0 1")
F('segment 8 tri2', d_, "bipolar triangle sampled", "0 1")
F('segment 4 square2', d_, "bipolar square sampled", "0 1")
F('segment 2 isaw', r_, "falling saw as exact time", "0 1")
F('segment 3 saw2', r_, "bipolar saw as exact time", "0 1")
F('segment 4 envL', d_, "linear envelope, first cycles", "0 2")
F('segment 4 envLR', d_, "reversed linear envelope", "0 2")
F('segment 4 envEq', d_, "equal-power envelope", "0 2")
F('segment 4 envEqR', d_, "reversed equal-power envelope", "0 2")
F('s "bd*4" # gain envL', c_, "an envelope as a control", "0 1")
F('isaw', d_, "raw continuous falling saw", "1/4 1/2")

# --- random choices ----------------------------------------------------------------------
F('segment 4 $ choose [0, 2, 7]', d_, "random choice from numbers", "0 2|100 101")
F('segment 4 $ choose ["bd", "sn", "hh"]', s_, "random choice from strings", "0 2")
F('choose ["a", "b", "c"]', s_, "raw choose is cut at cycle boundaries (range's *>)", "1/2 5/2|1/3 2/3")
F('wchoose [("a", 1), ("b", 2)]', s_, "raw wchoose is not cut", "1/2 5/2")
F('chooseBy (slow 2 saw) ["a", "b", "c"]', s_, "raw chooseBy of a slow saw", "1/2 7/2")
F('s "x*4" # n (choose [0, 2, 7])', c_, "choose in a control", "0 1")
F('segment 4 $ chooseBy sine [0, 2, 7]', d_, "choose by a sine", "0 1")
F('segment 4 $ chooseBy "0 0.5 0.9 0.2" ["a", "b", "c"]', s_, "choose by a sequence", "0 1")
F('segment 8 $ wchoose [(0, 0.25), (2, 0.5), (7, 0.25)]', d_, "weighted choice", "0 2")
F('segment 4 $ wchooseBy sine [("a", 1), ("b", 3)]', s_, "weighted choice by a sine", "0 1")
F('wrandcat [("a b", 1), ("c*3", 0.5), ("d", 2)]', s_, "weighted random cat", "0 6|100 102")
F('wrandcat [(s "bd*2", 1), (s "hh*3", 1)]', c_, "weighted random cat of controls", "0 4")
F('struct "t*8" brand', b_, "random booleans", "0 2")
F('struct "t*8" $ brandBy 0.25', b_, "random booleans with a probability", "0 1")
F('struct "t*8" $ brandBy "<0.2 0.8>"', b_, "patterned brandBy", "0 2")
F('segment 4 $ perlinWith (saw * 4)', d_, "perlin of a saw", "0 2")
F('segment 4 $ perlinWith "0 0.5 1.5 2.25"', d_, "perlin of a sequence", "0 1")
F('segment 4 $ perlin2With (cosine * 2) (sine * 2)', d_, "2D perlin on a circle", "0 1")
F('segment 4 $ perlin2 (sine * 4)', d_, "2D perlin of time and a sine", "0 2")
F('perlin2With (cosine * 2) (sine * 2)', d_, "raw 2D perlin across cycles (cut as Tidal's Num instance cuts)", "1/2 5/2|1/8 3/8")
F('perlin2 (sine * 2)', d_, "raw perlin2 across cycles", "1/2 5/2")
F('perlinWith (saw * 2)', d_, "raw perlinWith across cycles", "1/2 5/2")
F("sometimesBy' 0.5 (# speed 2) $ s \"bd*8\"", c_, "sometimesBy' applies first", "0 2")
F("sometimesBy' \"<0.2 0.8>\" (fast 2) $ s \"bd*4\"", c_, "patterned sometimesBy' with fast", "0 2")
F("sometimes' (# crush 4) $ s \"hh*8\"", c_, "sometimes'", "0 1")
F("often' (# crush 4) $ s \"hh*8\"", c_, "often'", "0 1")
F("rarely' (# crush 4) $ s \"hh*8\"", c_, "rarely'", "0 1")
F("almostNever' (# crush 4) $ s \"hh*8\"", c_, "almostNever' (Tidal's is unprimed)", "0 2")
F("almostAlways' (# crush 4) $ s \"hh*8\"", c_, "almostAlways'", "0 1")
F('always (fast 2) "a b"', s_, "always applies", "0 1")
F('never (fast 2) "a b"', s_, "never applies", "0 1")
F('someCycles (# speed 2) $ s "bd*2"', c_, "someCycles", "0 8")
F('somecycles (fast 2) "a b"', s_, "somecycles", "0 8")
F('somecyclesBy 0.3 (# speed 2) $ s "bd*2"', c_, "somecyclesBy", "0 8")

# --- structure (UI) ------------------------------------------------------------------------
F('sew "t f" "a*4" "b*8"', s_, "sew two patterns", "0 1")
F('sew "t <f t> [f t]" (n "0 .. 7") (n "10*4")', c_, "sew with alternation", "0 2")
F('stitch "t f t t" "a" "b"', s_, "stitch takes the booleans' structure", "0 1")
F('stitch "t(3,8)" (s "bd") (s "hh")', c_, "stitch with euclid", "0 1")
F('seqP [(0, 2, "a b"), (1, 3, "c*3")]', s_, "seqP", "0 4")
F('seqP [(1/2, 5/2, s "bd*2"), (2, 3, s "hh")]', c_, "seqP with fractional starts", "0 3")
F('seqPLoop [(0, 2, "a b"), (1, 3, "c*3")]', s_, "seqPLoop loops", "0 6|100 101")
F('seqPLoop [(1, 2, "a"), (2, 4, "b*2")]', s_, "seqPLoop starting later", "0 6")
F('within (0, 0.5) (fast 2) "a b c d"', s_, "within", "0 1")
F('within (0.25, 0.75) rev $ s "a b c d"', c_, "within with rev", "0 2")
F("within' (0, 0.5) (fast 2) \"a b c d\"", s_, "within' zooms first", "0 1")
F("within' (0.5, 1) rev \"a b c d e f\"", s_, "within' with rev", "0 2")
F('select "<0 0.5 1>" ["a*2", "b*3", "c"]', s_, "select by a number", "0 3")
F('select sine ["a*2", "b*3"]', s_, "select by a continuous sine", "0 2")
F('squeeze "0 [1 0]" ["a b", "c*3"]', s_, "squeeze patterns into events", "0 1")
F('squeeze "<0 2> 1" [s "bd sn", s "hh*3", s "cp"]', c_, "squeeze with a wrapping index", "0 2")
F('pickF "<0 1 2>" [rev, fast 2, (# speed 2)] $ s "a b c"', c_, "pickF", "0 3")
F('pickF "0 1" [rev, (0.25 ~>)] "a b c d"', s_, "pickF within a cycle", "0 2")
F('selectF "<0 0.5 1>" [rev, fast 2] "a b c"', s_, "selectF", "0 3")
F('fix (# crush 4) (n 1) $ n "0 1" # s "x"', c_, "fix on a note", "0 1")
F('fix (fast 2) (s "sn") $ s "bd sn"', c_, "fix with fast", "0 1")
F('fix (# speed 2) (n "<1 2>") $ s "x*4" # n "1 2"', c_, "fix with a patterned condition", "0 2")
F('unfix (# crush 4) (s "bd") $ s "bd sn hh"', c_, "unfix", "0 1")
F('contrast (# crush 4) (# speed 2) (n "1") $ n "0 1" # s "x"', c_, "contrast", "0 1")
F('contrast (|+ n 12) (|- n 12) (s "x") $ s "x y" # n 0', c_, "contrast on strings", "0 1")
F('fix (# crush 4) (n 1 # s "x") $ n "0 1" # s "<x y>"', c_, "fix with two controls", "0 2")

# --- scales and numbers ------------------------------------------------------------------------
F("toScale' 24 [0, 4, 7, 10, 14, 17] \"0 .. 7\"", n_, "toScale' with a two-octave turn", "0 1")
F("toScale' 10 [0, 2, 5] \"-1 3 <4 7>\"", n_, "toScale' with negative degrees", "0 2")
F("n (toScale' 24 [0, 7, 14] \"0 1 2 3\") # s \"x\"", c_, "toScale' in a control", "0 1")
F('arpg "c\'maj e\'min"', n_, "arpg is arpeggiate", "0 1")
F('segment 4 $ rangex 20 2000 sine', d_, "exponential range of a sine", "0 1")
F('s "x*4" # cutoff (rangex 200 4000 saw)', c_, "rangex in a control", "0 1")
F('rangex 1 100 "0 0.5 1"', n_, "rangex of notes", "0 1")
F('quantise 1 "0.4 1.5 2.5 -0.5 -1.5"', d_, "quantise rounds halves to even", "0 1")
F('quantise 4 $ segment 4 sine', d_, "quantise a sine to quarters", "0 1")
F('quantise 2 "0.3 0.8 1.25"', r_, "quantise exact times", "0 1")
F('qround 1 "0.5 1.5 2.7"', d_, "qround", "0 1")
F('qfloor 2 "0.3 0.8 -1.2"', d_, "qfloor", "0 1")
F('qceiling 2 "0.3 0.8 -1.2"', d_, "qceiling", "0 1")
F('qfloor 3 "0.5 1.7"', r_, "qfloor of exact times", "0 1")
F('n (quantise 1 $ segment 4 $ range 0 7 sine) # s "x"', c_, "quantised notes in a control", "0 1")

# --- the Haskell that Tidal code leans on ------------------------------------------------------
F('fmap (+ 12) "0 7"', n_, "fmap a section", "0 1")
F('(+ 12) <$> "0 <7 5>"', n_, "<$> a section", "0 2")
F('(* 2) <$> "1 [2 3]"', d_, "<$> multiply", "0 1")
F('(subtract 1) <$> "1 2"', d_, "<$> with a named function", "0 1")
F('segment 4 $ fmap floor $ range 0 7 sine', i_, "floor of a signal", "0 1")
F('round <$> segment 4 (range 0 4 saw)', i_, "round halves to even", "0 1")
F('segment 4 $ ceiling <$> range 0 7 sine', i_, "ceiling", "0 1")
F('segment 4 $ truncate <$> range (-4) 4 saw', i_, "truncate towards zero", "0 1")
F('n (fmap fromIntegral $ segment 4 $ irand 8) # s "x"', c_, "fromIntegral in a control", "0 1")
F('"0 1" + fmap fromIntegral (segment 2 $ irand 8)', d_, "fromIntegral in arithmetic", "0 2")
F('fmap toRational $ segment 4 saw', r_, "toRational", "0 1")
F('fmap (max 0.2) $ segment 4 sine', d_, "fmap max", "0 1")
F('fast (max 1 2) "a b"', s_, "max of numbers", "0 1")
F('segment (min 4 8) $ fmap (min 0.5) sine', d_, "min of numbers and of a signal", "0 1")
F('const "c*4" "a b"', s_, "const", "0 1")
F('every 3 (const $ s "cp*4") $ s "bd sn"', c_, "const in every", "0 3")
F('flip fast "a b" 2', s_, "flip", "0 1")
F('every 2 (flip (#) (speed 2)) $ s "bd sn"', c_, "flip an operator", "0 2")
F('(\\p -> fast 2 p) "a b"', s_, "a lambda", "0 1")
F('every 2 (\\p -> rev p) "a b c"', s_, "a lambda in every", "0 2")
F('jux (\\p -> fast 2 p # speed 2) $ s "bd sn"', c_, "a lambda in jux", "0 1")
F('(\\x y -> cat [x, y]) "a" "b c"', s_, "a lambda of two arguments", "0 2")
F('(\\_ -> "c") "a b"', s_, "a lambda ignoring its argument", "0 1")
F('["a", "b c"] !! 1', s_, "!! on a list of patterns", "0 1")
F('[s "bd", s "hh*2"] !! 0', c_, "!! on controls", "0 1")
F('fromList [0, 0.25 .. 1]', d_, "fromList of a fractional range", "0 6")
F('fastFromList [1 .. 4]', i_, "fastFromList of a range", "0 1")
F('fastFromList [10, 8 .. 1]', i_, "a falling range", "0 1")
F('listToPat [0.5, 1 .. 2]', d_, "listToPat of a stepped range", "0 1")
F('fromList ["a", "b"]', s_, "fromList of strings", "0 3")
F('toScale [0, 2 .. 10] "0 1 2 3 6"', n_, "toScale of a range", "0 1")
F('n (fastFromList [0 .. 3]) # s "x"', c_, "a range in a control", "0 1")

# --- tests on numbers: ifp, whenT --------------------------------------------------------------
F('ifp ((== 0) . flip mod 2) (striate 4) (# coarse "24 48") $ s "hh hc"', c_, "ifp from Tidal's docs", "0 2")
F('ifp even (fast 2) rev "a b c"', s_, "ifp even", "0 4|1/3 7/3")
F('ifp (> 2) (# speed 2) id $ s "bd sn"', c_, "ifp with a comparison section", "0 5")
F('ifp (\\c -> c `mod` 3 /= 1) (0.25 ~>) (fast 2) "a b"', s_, "ifp with a lambda and backquoted mod", "0 3")
F('whenT (< 2) (fast 2) "a b"', s_, "whenT on time", "0 4")
F('whenT (\\t -> t >= 1.5) rev "a b c"', s_, "whenT on partial cycles", "0 3|1/3 7/3")
F('euclid (mod 7 4) 8 "a"', s_, "mod of numbers", "0 1")
F('euclid (7 `div` 2) 8 "a"', s_, "backquoted div", "0 1")
F('struct (not <$> "t f t") "a"', s_, "not through fmap", "0 1")
F('every 2 (const $ sound "x*4") $ n (fastFromList [0, 2 .. 6]) # s "y"', c_, "const and a range", "0 2")

# --- arranging: ur and the cat family's other names --------------------------------------------
F('ur 4 "a [b:fast b]" [("a", s "bd*4"), ("b", s "hh sn")] [("fast", fast 2)]', c_, "ur with a function", "0 4|1/3 9/2")
F('ur 12 "[a, b] [b, c] [c, a]" [("a", s "bd*4"), ("b", s "hh*2"), ("c", s "cp")] []', c_, "ur stacking parts", "0 12")
F('ur 2 "<a b:rev> c" [("a", "1 2 3"), ("b", "4 5"), ("c", "6")] [("rev", rev)]', s_, "ur of strings with rev", "0 8")
F('ur 1 "a:nope missing" [("a", "x y")] []', s_, "ur with unknown names", "0 2")
F('fastCat ["a", "b c"]', s_, "fastCat", "0 1")
F('slowCat ["a", "b c"]', s_, "slowCat", "0 2")
F('timecat [(1, "a"), (2, "b c")]', s_, "timecat", "0 1")
F('append "a" "b c"', s_, "append", "0 2")
F('slowAppend (s "a") (s "b*2")', c_, "slowAppend", "0 2")
F('slowappend "a" "b"', s_, "slowappend", "0 2")
F('fastAppend "a" "b c"', s_, "fastAppend", "0 1")
F('fastappend "a*2" "b"', s_, "fastappend", "0 1")

# --- mono and smooth -------------------------------------------------------------------------
F('mono "[a, b c]"', s_, "mono keeps one event at a time", "0 1")
F('mono $ stack ["a", "~ b", "c/2"]', s_, "mono cuts overlapping events", "0 2")
F('segment 8 $ smooth "0 2 [4 6]"', d_, "smooth glides between values", "0 1")
F('segment 4 $ smooth "<0 4> 2"', d_, "smooth across cycles", "0 3")
F('smooth "0 1"', d_, "raw smooth (whole is the query)", "0 1/4|1/4 3/8")
F('s "x*8" # pan (smooth "0 1")', c_, "smooth as a control", "0 1")
F('segment 4 $ smooth "0 ~ 1"', d_, "smooth over a rest", "0 1")

# --- sig and the remaining arp modes ---------------------------------------------------------
F('segment 4 $ sig fromRational', d_, "sig of time", "0 1|3/2 5/2")
F('segment 4 $ sig (\\t -> fromRational t * 2)', d_, "sig of a lambda", "0 1")
F('segment 4 $ perlinWith (sig fromRational)', d_, "perlinWith of time is perlin", "0 2")
F('sig fromRational', r_, "raw sig as exact time", "1/3 1/2")
F('arp (fromList ["downup", "up&down", "down&up"]) "c\'maj\'4"', n_, "the other arp modes (& is not mini-notation)", "0 3")

# --- boolean rhythms, wedge, when, timeLoop, random orders ---------------------------------------
F('struct (euclidOffBool 3 8 2 "t") "a"', s_, "euclidOffBool through struct", "0 1")
F('euclidOffBool 3 8 "<0 2>" "t f"', b_, "patterned euclidOffBool", "0 2")
F('eoff 3 8 2 "bd"', s_, "eoff", "0 1")
F('inv "t f [t f]"', b_, "inv", "0 1")
F('struct (inv "t f t t") "a"', s_, "inv in struct", "0 1")
F('binaryN 4 "<5 9>"', b_, "binaryN", "0 2")
F('struct (binary "<170 15>") $ s "x"', c_, "binary", "0 2")
F('binaryN "<4 8>" 5', b_, "patterned binaryN width", "0 2")
F('ascii "<hi ok>"', b_, "ascii", "0 2")
F('wedge (1/4) "a b" "c d e"', s_, "wedge", "0 1")
F('wedge "<0 0.5 1>" (s "bd*2") (s "hh*3")', c_, "patterned wedge through 0 and 1", "0 3")
F('when (> 1) (fast 2) "a b"', s_, "when on cycle numbers", "0 3")
F('when even rev $ n "0 1 2"', c_, "when even", "0 2")
F('timeLoop 2 "<a b c>"', s_, "timeLoop", "0 6")
F('timeLoop "<2 3>" $ n "<0 1 2 3>"', c_, "patterned timeLoop", "0 6")
F('randrun 4', i_, "randrun", "0 3|100 101")
F('cycleChoose [0, 2, 7]', d_, "cycleChoose", "0 4")
F('s "x*4" # n (cycleChoose [0, 2, 7])', c_, "cycleChoose in a control", "0 2")

# --- tables: getScale, scaleTable, chordTable, ++ ------------------------------------------------
F('getScale (scaleTable ++ [("techno", [0, 2, 3, 5, 7, 8, 10])]) "<techno major>" "0 .. 7"', n_, "getScale extending scaleTable", "0 2")
F('n (getScale [("x", [0, 1.5]), ("y", [0, 5])] "<x y z>" "0 1 2 -1") # s "s"', c_, "getScale with unknown names", "0 3")
F('getScale scaleTable "hijaz" "0 .. 7"', d_, "getScale scaleTable", "0 1")
F('fastFromList ([1, 2] ++ [3])', i_, "++ on lists", "0 1")

# --- Markov chains ------------------------------------------------------------------------------
F('markovPat 8 1 [[3, 5, 2], [4, 4, 2], [0, 1, 0]]', i_, "markovPat from Tidal's docs", "0 3|100 101")
F('markovPat "<4 8>" "<0 2>" [[0.5, 0.5, 0], [0, 0, 1], [1, 0, 0]]', i_, "patterned markovPat", "0 2")
F('n (fmap fromIntegral $ markovPat 4 0 [[1, 1], [1, 3]]) # s "x"', c_, "markovPat as notes", "0 2")

# --- mod, div and comparisons value by value ------------------------------------------------------
F('fmap (`mod` 8) "0 .. 15"', i_, "fmap a backquoted mod section", "0 1")
F('fmap (`div` 2) "0 .. 7"', i_, "fmap div", "0 1")
F('n (fmap fromIntegral $ fmap (`div` 3) $ run 8) # s "x"', c_, "fmap div into a control", "0 1")
F('struct (fmap (> 2) $ segment 4 $ irand 5) "a"', s_, "fmap a comparison", "0 2")
F('struct (fmap (== 1) $ segment 2 $ irand 2) $ s "x"', c_, "fmap an equality", "0 2")
F('struct (fmap (>= 0.5) $ segment 8 sine) "a"', s_, "fmap a comparison of doubles", "0 1")

F('ifp odd (# speed 2) (# crush 4) $ s "bd sn"', c_, "ifp odd", "0 2")
F('ifp (<= 1) (fast 2) id "a b"', s_, "ifp with <=", "0 3")
F('segment 4 $ fmap realToFrac $ irand 8', d_, "realToFrac", "0 1")


def main():
    build_dir = "/tmp/fn-oracle-more"
    argv = sys.argv[1:]
    if "--build-dir" in argv:
        build_dir = argv[argv.index("--build-dir") + 1]
    sys.argv = [sys.argv[0], "--build-dir", build_dir, "--out", OUT]
    gen.main()
    with open(OUT, encoding="utf-8") as f:
        records = [json.loads(l) for l in f if l.strip()]
    with open(OUT, "w", encoding="utf-8") as f:
        for r in records:
            r["id"] = "more-" + r["id"][len("fn-"):]
            f.write(json.dumps(r) + "\n")


if __name__ == "__main__":
    main()
