#!/usr/bin/env python3
"""Regenerate the controls golden file from the real TidalCycles (1.7.10).

    python3 scripts/golden/gen-controls.py [--build-dir /tmp/ctl-oracle]

Needs GHC and Debian's libghc-tidal-dev (bash /work/shared/tools/tidal-oracle/build.sh);
never run in CI. Same machinery and format as gen-functions.py (whose build and rendering
helpers it uses), for the controls: a sample of Tidal's params of every type, aliases, the
grouped ones, `midinote` and `drum`, the param makers (`pF` …), bare numbers and strings as
control patterns (Tidal's `Num ValueMap` and `IsString ControlPattern`), and the operator
families on control maps. Writes

    Tests/LanguageTests/Golden/controls.jsonl

Tidal 1.7.10 has every param of 1.9.5's table but `metatune`; the Swift tests check that one
by hand from 1.9.5's definition. No expected value here is written by hand.
"""
import argparse
import importlib.util
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import oracle_cases  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
OUT = os.path.join(ROOT, "Tests", "LanguageTests", "Golden", "controls.jsonl")

spec = importlib.util.spec_from_file_location("gen_functions", os.path.join(HERE, "gen-functions.py"))
machinery = importlib.util.module_from_spec(spec)
spec.loader.exec_module(machinery)

CASES = []


def C(expr, desc, arcs="0 1"):
    CASES.append(dict(expr=expr, type="control", desc=desc, arcs=[a.split() for a in arcs.split("|")]))


# --- params of each type -------------------------------------------------------------------
C('s "bd*2" # gain "0.8 1.2"', "float control")
C('s "a" # amp 0.4 # attack 0.01 # release "<0.2 0.5>"', "float controls, patterned", "0 2")
C('s "a" # cutoff "200 400" # resonance 0.2 # hcutoff 100 # hresonance 0.1 # bandf 300 # bandq 1',
  "filter controls")
C('s "a" # room 0.3 # size 0.8 # dry 0.5 # djf 0.3 # squiz 2 # nudge 0.1', "effect controls")
C('s "a*2" # cut "1 2" # orbit 1 # channel 2', "int controls")
C('s "a" # coarse "4 8" # crush 4', "coarse is an int, crush a float")
C('s "a" # octave 4 # midichan 1 # velocity 0.5', "MIDI-ish controls")
C('s "midi" # nrpnn 1 # nrpnv 20', "nrpnn and nrpnv set nrpn and val")
C('s "a*2" # vowel "a e" # unit "c"', "string controls")
C('n "0 .. 3" # s "superpiano"', "note control n")
C('s "x" # n "c e g"', "note names in n")
C('note "0 7" # s "superpiano"', "note control")
C('s "a" # legato 1 # sustain 0.5 # accelerate "-1" # cps 0.75', "more float controls")
C('s "a" # lock 1 # loop 2 # comb 0.2 # ring 1 # ringf 440 # ringdf 10', "lock, loop and ring modulation")
C('s "a" # ccn 64 # ccv 127 # ctlNum 1 # control 0.5', "MIDI controller keys")

# --- aliases --------------------------------------------------------------------------------
C('s "a" # sz 0.8 # dt 0.25 # dfb 0.5', "aliases sz dt dfb")
C('s "a" # delayfb 0.4 # delayt 0.1 # lpf 300 # lpq 0.2 # hpf 100 # hpq 0.3 # bpf 200 # bpq 2',
  "filter and delay aliases")
C('s "a" # att 0.1 # rel 0.2 # sus 0.3 # ctf 300 # ctfg 0.5 # det 0.2 # gat 1 # hg 0.5',
  "envelope and synth aliases")
C('s "a" # voi 0.3 # vco 1 # vcf 2 # tremr 4 # tremdp 0.5 # phasr 2 # phasdp 0.5', "synth aliases")
C('s "a" # lfop 1 # lfoi 1 # lfoc 1 # por 0.1 # sld 1 # stt 0.2 # std 0.3', "more aliases")
C('s "a" # lbd 1 # lch 1 # lcl 1 # lcp 1 # lcr 1 # lht 1 # llt 1 # loh 1 # lsn 1', "drum-machine aliases")
C('s "a" # scl 1 # scp 1 # scr 1 # sag 1 # lag 1 # chdecay 1 # ohdecay 1 # tdecay 1', "more drum aliases")
C('s "a" # pit1 1 # pit2 2 # pit3 3 # fadeOutTime 2', "pitch aliases and fadeOutTime")
C('number "0 1" # s "drum"', "number is n")
C('up "0 12" # s "arpy"', "up is note")

# --- grouped --------------------------------------------------------------------------------
C('sound "bd:3 sn:1 hh:x"', "sound splits name and n")
C('s "drum:1:2 bd::4"', "extra parts and empty parts of s")
C('s "a*2" # cc "64:127 1:0"', "cc splits into ccn and ccv")
C('s "a*3" # nrpn "1:2 3:-4 5.5:6"', "nrpn: two ints (a part that does not read is left out)")
C('s "bev*2" # grain\' "0.1:0.2 0.5:0.75"', "grain' sets begin and end")
C('s "a" # sound "b:2"', "sound on the right of #")

# --- midinote, drum -------------------------------------------------------------------------
C('midinote "60 67.5" # s "superpiano"', "midinote is note minus 60")
C('n (drumN "sn" - 60) # s "superpiano"', "drumN is a plain number")
C('drum "bd sn hh zz" # s "drum"', "drum: General MIDI number minus 60, unknown names 0")

# --- param makers ---------------------------------------------------------------------------
C('s "a" # pF "cutoffegint" "0.5 1"', "pF")
C('s "a" # pI "midichan" "1 2"', "pI")
C('s "a" # pS "vowel" "a e"', "pS")
C('s "a" # pN "note" "c e"', "pN")
C('s "a" # pB "flag" "t f"', "pB")
C('s "a" # pR "ratio" "0.5 0.25"', "pR")

# --- bare numbers and strings as control patterns -------------------------------------------
C('"bd*2 sn" # n 3', "a string is s")
C('"bd:3 sn"', "a string is s, with n after a colon")
C('s "a" # 0.5', "a fraction is speed")
C('s "a" # 3', "a whole number is n, an int")
C('n "0 2" + 12', "note plus int keeps the note")
C('"0 2" + n 12', "a string is s even where numbers look meant")
C('off 0.25 (|+ 7) $ n "0 2" # s "x"', "off with a bare number on n")
C('off 0.25 (|+ 7) $ s "x" # cut 1', "off with a bare number adds n")
C('off 0.25 (# 7) $ s "x*2"', "# with a bare number")
C('s "x" # 3 |+ 1', "int n plus int")
C('s "x*2" |+| 2', "bare number with structure from both sides")
C('n "1" + "x"', "bare string on the right of +")
C('0.25 ~> ("bd sn" # 2)', "shifted bare string and number")
C('jux rev "bd sn"', "jux of a bare string")
C('every 2 (|* 2) $ s "a" # 3', "every with a bare multiplier", "0 2")
C('s "a" # 1.5 |+ 0.25', "speed plus speed")
C('s "a" + 1', "plain + with a bare number on the right")
C('1 + s "a"', "plain + with a bare number on the left")
C('(1 ~>) $ "bd sn"', "a shifted bare string", "0 2")
C('"bd*2" # "sn"', "# of two bare strings takes the right s")
C('"bd" + "sn"', "+ of two bare strings keeps the left s")
C('sometimesBy 0.5 (# speed 2) "bd*8"', "a bare string under sometimesBy")
C('n "0" |+| "x y"', "|+| with a bare string")
C('(# 0.5) $ s "a"', "a section with a bare fraction")
C('s "a b" # 1.0', "a whole number written with a point is speed (fromRational)")
C('n "0 1" |* 2.0', "|* with a point: speed 2")
C('s "a" # 1e0', "an exponent makes a fractional literal too")
C('s "a" # (-2.0)', "a negated fractional literal")
C('s "a" # 2', "a whole number without a point is n")
C('stack ["bd", s "sn" # 2]', "a bare string in a stack")
C('every 2 (# 3) "bd sn"', "every with a bare number", "0 2")
C('n "0 1" * 2 # s "x"', "note times int keeps the note")
C('struct "t*2" $ 4', "struct of a bare number")
C('"bd" # 1.5 # 2', "speed and n from bare numbers")

# --- operator families on control maps -----------------------------------------------------
C('s "a*2" # cut 1 |+| cut "1 2"', "|+| int with int")
C('n "0 1" |+ n 12 # s "x"', "|+ note with note")
C('n "0 1" +| n "10 20 30" # s "x"', "+| structure from the right")
C('n "0 1 2" |-| n "1 2" # s "x"', "|-| both structures")
C('n "4" |- n 1.5 # s "x"', "|- notes")
C('n "3" -| n "1 2" # s "x"', "-| structure from the right")
C('s "a" # gain 2 |* gain "0.5 0.25"', "|* floats")
C('s "a" # speed 2 |/ speed "4"', "|/ floats")
C('s "a" # cut 6 |/ cut 4', "|/ on ints multiplies (recip leaves ints alone)")
C('s "a" # cut 7 |% cut 3', "|% ints")
C('s "a" # n 7.5 |% n 2', "|% notes")
C('s "a" # speed "-1" |% speed 0.75', "|% negative float")
C('s "a" # cut 1 |+ speed 2', "disjoint keys are a union")
C('s "a" # cut 1 |+ pF "cut" 0.5', "int plus float is a float")
C('s "a" # n 1 |+ speed 2 |+ n 0.5', "note plus float is a note")
C('s "a" # n 1 |+ 2', "note plus int keeps the note")
C('s "a" # cut 5 |- cut 7', "int minus int")
C('s "a" |+ s "b"', "strings keep the left value under |+")
C('s "a" |< s "b"', "|< keeps the left value")
C('s "a" |> s "b"', "|> keeps the right value")
C('s "a" # vowel "a" |< vowel "e o"', "|< with more events on the right")
C('s "a b" |<| vowel "e o i"', "|<| structure from both")
C('s "a" <| n "1 2"', "<| structure from the right")
C('s "a b" >| n "1 2 3"', ">| structure from the right")
C('n "1 2" - n 1 # s "x"', "plain - on controls")
C('s "a" # gain 2 * gain 0.5', "plain * on controls")
C('n "1" / n 2 # s "x"', "plain / on notes")
C('s "a*4" # n "0 1 2 3" |% n 2 |* speed 2', "chained operators")
C('s "a" # vowel "a" |+ n 1 |- vowel "o"', "strings with - keep the left value")
C('s "a*2" # speed 2 |/ 0.5', "bare fraction is speed in /")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--build-dir", default="/tmp/ctl-oracle")
    ap.add_argument("--out", default=OUT)
    args = ap.parse_args()
    oracle_cases.run(machinery, CASES, out=args.out, id_prefix="ctl", build_dir=args.build_dir, simple=False)


if __name__ == "__main__":
    main()
