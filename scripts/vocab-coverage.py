#!/usr/bin/env python3
"""Which of Tidal 1.9.5's top-level functions Tala has.

Reads every name of ../shared/reference/tidal-1.9-functions.tsv (the 758 top-level names of Tidal
1.9.5's Core, UI, Control, Scales, Chords, Transition and their helper modules) and puts each in
one class:

  implemented  the language knows it (asked from a built `tala` through `:help NAME`)
  left out     README.md lists it between <!-- left-out:begin --> and <!-- left-out:end -->,
               with the reason
  pending      scripts/vocab/pending.txt lists it: work under way, not yet merged
  missing      none of these

Usage:
  python3 scripts/vocab-coverage.py [--tala PATH] [--list CLASS] [--write-pending]

--write-pending rewrites scripts/vocab/pending.txt as the names that are neither implemented
nor left out (what Tests/LanguageTests/VocabCoverageTests.swift reads). Exit status 1 when a
name is missing.
"""
import argparse
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TSV = os.path.join(os.path.dirname(ROOT), "shared/reference/tidal-1.9-functions.tsv")
PENDING = os.path.join(ROOT, "scripts/vocab/pending.txt")
README = os.path.join(ROOT, "README.md")


def tidal_names():
    """Names of the table, operators without their parentheses: `(|+ )` is `|+`."""
    names = []
    with open(TSV, encoding="utf-8") as f:
        next(f)
        for line in f:
            name = line.split("\t")[0].strip()
            if name.startswith("(") and name.endswith(")"):
                name = name[1:-1].strip()
            names.append(name)
    return names


def left_out_names():
    """Backquoted names inside the README's left-out section."""
    text = open(README, encoding="utf-8").read()
    match = re.search(r"<!-- left-out:begin -->(.*?)<!-- left-out:end -->", text, re.S)
    if not match:
        sys.exit("README.md has no <!-- left-out:begin --> … <!-- left-out:end --> section")
    return set(re.findall(r"`([^`\s]+)`", match.group(1)))


def pending_names():
    if not os.path.exists(PENDING):
        return set()
    with open(PENDING, encoding="utf-8") as f:
        return {l.strip() for l in f if l.strip() and not l.startswith("#")}


def implemented_names(tala, names):
    """The names `tala` explains with a signature (`NAME :: TYPE  (kind)`)."""
    script = "".join(f":help {n}\n" for n in names)
    out = subprocess.run(
        [tala, "--no-targets", "--no-audio"], input=script, capture_output=True, text=True, check=False
    ).stdout
    found = set()
    for line in out.splitlines():
        head, sep, _ = line.partition(" :: ")
        if sep and not line.startswith(" "):
            found.add(head)
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tala", default=os.path.join(ROOT, ".build/debug/tala"))
    parser.add_argument("--list", choices=["implemented", "left-out", "pending", "missing"])
    parser.add_argument("--write-pending", action="store_true")
    args = parser.parse_args()

    names = tidal_names()
    implemented = implemented_names(args.tala, names)
    left_out = left_out_names()
    pending = pending_names()
    classes = {"implemented": [], "left-out": [], "pending": [], "missing": []}
    for n in names:
        if n in implemented:
            classes["implemented"].append(n)
        elif n in left_out:
            classes["left-out"].append(n)
        elif n in pending and not args.write_pending:
            classes["pending"].append(n)
        else:
            classes["missing"].append(n)

    if args.write_pending:
        with open(PENDING, "w", encoding="utf-8") as f:
            f.write("# Tidal 1.9.5 names neither implemented nor left out in README.md.\n")
            f.write("# Regenerate: python3 scripts/vocab-coverage.py --write-pending\n")
            for n in sorted(set(classes["missing"])):
                f.write(n + "\n")
        classes["pending"], classes["missing"] = classes["missing"], []

    if args.list:
        print("\n".join(classes[args.list]))
        return
    print(f"{len(names)} names of Tidal 1.9.5: " + ", ".join(f"{len(v)} {k}" for k, v in classes.items()))
    if classes["missing"]:
        print("missing: " + " ".join(classes["missing"]))
        sys.exit(1)


if __name__ == "__main__":
    main()
