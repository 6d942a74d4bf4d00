"""Shared by the expression golden generators: ask the Tidal oracle (gen-functions.py's FnOracle
build) about a list of cases, each over its arcs, and write one JSON record per answer."""
import importlib.util
import json
import os
import shutil
import subprocess
import sys
from fractions import Fraction

HERE = os.path.dirname(os.path.abspath(__file__))

# Element types as the golden files name them.
s_, d_, n_, i_, r_, b_, c_ = "string", "double", "note", "int", "rational", "bool", "control"


def load_base():
    """gen-functions.py as a module: the FnOracle build and the Haskell cases writer."""
    spec = importlib.util.spec_from_file_location("genfunctions", os.path.join(HERE, "gen-functions.py"))
    base = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(base)
    return base


def case(expr, ty, desc, arcs="0 2", oracle=None):
    """One case over the arcs `"b e|b e"`, and also over an arc that starts and ends inside
    cycles, so fragments and the splitting of queries at cycle boundaries are checked too."""
    arcs = [a.split() for a in arcs.split("|")]
    arcs.append(["1/3", "%s/3" % (3 * int(Fraction(arcs[0][1])) + 2)])
    return dict(expr=expr, oracle=oracle or expr, type=ty, desc=desc, arcs=arcs)


def squeeze(f, a, b):
    """Tidal 1.9.5's `a ||op b` (`f <$> a <<* b`), unfolded for 1.7.10."""
    return "squeezeJoin ((\\x -> (%s) x <$> (%s)) <$> (%s))" % (f, b, a)


def run(base, cases, *, out, id_prefix, build_dir, simple=True):
    """`cases` are dicts with expr, desc, type, arcs and, when Tidal needs other text, oracle (made by a generator's F()).
    `simple` also imports Sound.Tidal.Simple and Data.Fixed's mod' into the oracle. Nothing is
    written when any answer is an error or has Double-sized denominators."""
    if not shutil.which("ghc"):
        sys.exit("ghc not found: run bash /work/shared/tools/tidal-oracle/build.sh first")
    seen = set()
    for i, c in enumerate(cases):
        if c["expr"] in seen:
            sys.exit("duplicate expression: %s" % c["expr"])
        seen.add(c["expr"])
        c["key"] = "e%03d" % (i + 1)
    base.CASES = [dict(c, expr=c.get("oracle", c["expr"])) for c in cases]
    # Sound.Tidal.Context exports neither Sound.Tidal.Simple nor Data.Fixed's mod'.
    write = base.write_cases_module

    def write_with_simple(path):
        write(path)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        text = text.replace("import Sound.Tidal.Context\n",
                            "import Sound.Tidal.Context\nimport Sound.Tidal.Simple\nimport Data.Fixed (mod')\n")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
    if simple:
        base.write_cases_module = write_with_simple
    exe = base.build(build_dir)
    records = []
    for c in cases:
        for arc in c["arcs"]:
            records.append(dict(id="%s-%03d" % (id_prefix, len(records) + 1), case=c, arc=arc))
    query = "".join("%s %s %s %s\n" % (r["id"], r["case"]["key"], r["arc"][0], r["arc"][1])
                    for r in records)
    p = subprocess.run([exe], input=query, capture_output=True, text=True, encoding="utf-8",
                       check=True)
    answers = [json.loads(l) for l in p.stdout.splitlines() if l.strip()]
    if [a.get("id") for a in answers] != [r["id"] for r in records]:
        sys.exit("FnOracle answers do not line up with the questions")
    problems, lines = [], []
    for r, a in zip(records, answers):
        c = r["case"]
        if not a["ok"]:
            problems.append("%s %s: %s %s" % (r["id"], c["expr"], a["error"], a.get("message", "")))
        elif base.max_denominator(a["events"]) > 10**6:
            problems.append("%s %s: Double-sized denominators in event times" % (r["id"], c["expr"]))
        obj = {"id": r["id"], "expression": c["expr"], "description": c["desc"],
               "type": c["type"], "arc": r["arc"]}
        if c.get("oracle", c["expr"]) != c["expr"]:
            obj["oracle"] = c["oracle"]
        obj.update({k: v for k, v in a.items() if k != "id"})
        lines.append(obj)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        sys.exit("%d problem(s); nothing written" % len(problems))
    with open(out, "w", encoding="utf-8") as f:
        for o in lines:
            f.write(json.dumps(o) + "\n")
    print("wrote %d records (%d expressions) to %s" % (len(lines), len(cases), out))
