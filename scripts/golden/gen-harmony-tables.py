#!/usr/bin/env python3
"""Writes Tidal 1.9.5's scale and chord tables, read from its own source, to

    Tests/LanguageTests/Golden/harmony-tables.json

    python3 scripts/golden/gen-harmony-tables.py [TIDAL_GIT_DIR]

TIDAL_GIT_DIR is a clone of github.com/tidalcycles/Tidal (default: the mirror at
/work/.mirror/tidalcycles+Tidal/repo); the files are read at tag v1.9.5 with `git show`.
Each definition `name = [numbers]` (or `name = other`) and each table row `("name", definition)` is taken as
written, in the table's order. Numbers are kept as the source writes them (`1.5`).
"""
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
OUT = os.path.join(ROOT, "Tests", "LanguageTests", "Golden", "harmony-tables.json")
TAG = "v1.9.5"


def source(repo, path):
    return subprocess.run(["git", "-C", repo, "show", "%s:%s" % (TAG, path)], check=True,
                          capture_output=True, text=True).stdout


def table(text, table_name):
    definitions = {name: [x.strip() for x in body.split(",") if x.strip()]
                   for name, body in re.findall(r"^([A-Za-z0-9_']+)\s*=\s*\[([^\]]*)\]", text, re.M)}
    # Aliases such as `bartok = melodicMajor`.
    for name, other in re.findall(r"^([A-Za-z0-9_']+)\s*=\s*([A-Za-z][A-Za-z0-9_']*)\s*$", text, re.M):
        definitions[name] = definitions[other]
    start = text.index("%s = [" % table_name)
    end = text.index("]\n", text.index("\n", start))
    rows = re.findall(r'\("([^"]+)",\s*([A-Za-z0-9_\']+)\)', text[start:end + 1])
    return [[name, definitions[d]] for name, d in rows]


def main():
    repo = sys.argv[1] if len(sys.argv) > 1 else "/work/.mirror/tidalcycles+Tidal/repo"
    scales = table(source(repo, "src/Sound/Tidal/Scales.hs"), "scaleTable")
    chords = table(source(repo, "src/Sound/Tidal/Chords.hs"), "chordTable")
    with open(OUT, "w", encoding="utf-8") as f:
        # One row per line, so a change in Tidal's table reads as a one-line diff.
        def rows(rs):
            return ",\n".join("  " + json.dumps(r) for r in rs)
        f.write('{"tidal": %s,\n"scales": [\n%s\n],\n"chords": [\n%s\n]}\n'
                % (json.dumps(TAG), rows(scales), rows(chords)))
    print("wrote %d scales and %d chords to %s" % (len(scales), len(chords), OUT))


if __name__ == "__main__":
    main()
