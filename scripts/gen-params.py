#!/usr/bin/env python3
"""Generate Tala's params table from Tidal 1.9.5's.

    python3 scripts/gen-params.py

Reads scripts/params/tidal-1.9-params.tsv (every top-level definition of Tidal 1.9.5's
src/Sound/Tidal/Params.hs: name, signature, definition) and writes
Sources/Controls/Params+Tidal.swift: one `Param` per control a performer can type (plain
controls, aliases, grouped controls such as `sound`, `midinote`, `drum`) and the names Tala
knows but does not support (control buses, byte arrays), with the reason, and the stateful
helpers (`nTake`, `nCount`, `nCountTo`, … and `sTake`) with the control each one sets.

Every row of the table must be classified; the script stops on a row it does not understand,
so a newer table cannot be half-read silently.
"""
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, ".."))
TSV = os.path.join(HERE, "params", "tidal-1.9-params.tsv")
OUT = os.path.join(ROOT, "Sources", "Controls", "Params+Tidal.swift")
README = os.path.join(ROOT, "README.md")

# The functions that make params rather than being params; Tala has its own versions of the
# ones a performer uses (pF, pI, pS, pN, pB, pR in the language library).
MAKERS = {"grp", "mF", "mI", "mS", "pF", "pI", "pB", "pR", "pN", "pS", "pX",
          "pStateF", "pStateList", "pStateListF", "pStateListS", "drumN"}
TYPES = {"F": "float", "I": "int", "S": "string", "N": "note", "B": "bool", "R": "rational"}


def main():
    rows = []
    with open(TSV, encoding="utf-8") as f:
        next(f)
        for line in f:
            name, sig, definition = line.rstrip("\n").split("\t")
            rows.append((name, sig, definition))

    plain = {}        # name -> (key, type)
    grouped = {}      # name -> [(key, type)]
    special = {}      # name -> form
    aliases = {}      # name -> target name
    unsupported = {}  # name -> reason
    stateful = []     # (name, key, kind)
    order = []
    problems = []
    for name, sig, definition in rows:
        d = definition.strip()
        if name in MAKERS:
            continue
        m = re.match(r'= p([FISNBRX]) "([^"]+)"', d)
        if m:
            if m.group(1) == "X":
                unsupported[name] = "bytes"
            else:
                plain[name] = (m.group(2), TYPES[m.group(1)])
                order.append(name)
            continue
        m = re.match(r'.*pState(F|ListF|ListS) "([^"]+)" name', d)
        if m and re.search(r"(Take|Count|CountTo)$", name):
            key = m.group(2)
            if m.group(1) == "ListS":
                kind = "takeStrings"
            elif m.group(1) == "ListF":
                kind = "take"
            elif "mod'" in d and name.endswith("CountTo"):
                kind = "countTo"
            elif name.endswith("Count") and "maybe 0 (+1)" in d:
                kind = "count"
            else:
                problems.append("%s: %s" % (name, d[:80]))
                continue
            stateful.append((name, key, kind))
            continue
        if re.search(r"(bus|recv)$", name) and sig.startswith("Pattern Int ->"):
            unsupported[name] = "bus"
            continue
        m = re.match(r"= grp \[([^\]]*)\]", d)
        if m:
            parts = re.findall(r'm([FIS]) "([^"]+)"', m.group(1))
            grouped[name] = [(key, TYPES[t]) for t, key in parts]
            order.append(name)
            continue
        if name in ("midinote", "drum"):
            special[name] = name
            order.append(name)
            continue
        m = re.match(r"= ([A-Za-z][A-Za-z0-9']*)(\s|$)", d)
        if m:
            aliases[name] = m.group(1)
            order.append(name)
            continue
        problems.append("%s: %s" % (name, d[:80]))
    if problems:
        sys.exit("rows not understood:\n" + "\n".join(problems))

    def resolve(name, seen=()):
        if name in aliases:
            if name in seen:
                sys.exit("alias cycle at " + name)
            return resolve(aliases[name], seen + (name,))
        return name

    out = []
    for name in order:
        target = resolve(name) if name in aliases else name
        alias = ', aliasOf: "%s"' % aliases[name] if name in aliases else ""
        if target in plain:
            key, ty = plain[target]
            keyarg = ' key: "%s",' % key if key != name else ""
            out.append('    Param("%s",%s .%s%s),' % (name, keyarg, ty, alias))
        elif target in grouped:
            parts = ", ".join('.init("%s", .%s)' % p for p in grouped[target])
            out.append('    Param("%s", .string, form: .grouped([%s])%s),' % (name, parts, alias))
        elif target in special:
            ty = "note" if target == "midinote" else "string"
            out.append('    Param("%s", .%s, form: .%s%s),' % (name, ty, target, alias))
        else:
            sys.exit("%s is an alias of %s, which is not a control" % (name, aliases[name]))

    gone = []
    for reason, what in (("bus", "control buses (`…bus`, `…recv`)"),
                         ("bytes", "byte arrays")):
        names = sorted(n for n, r in unsupported.items() if r == reason)
        gone.append("  /// Tidal 1.9.5's params Tala leaves out: %s, %d of them." % (what, len(names)))
        gone.append('  static let tidal%sNames = """' % reason.capitalize())
        gone.extend("    " + line for line in wrap(names, 100))
        gone.append('    """')
        gone.append("")
    text = "\n".join([
        "// GENERATED by scripts/gen-params.py from scripts/params/tidal-1.9-params.tsv (Tidal 1.9.5's",
        "// Params.hs). Do not edit: change the script and run it again.",
        "",
        "extension Params {",
        "  /// Every control of Tidal 1.9.5, in the order of its `Params.hs`: %d names." % len(out),
        "  static let tidal: [Param] = [",
    ] + out + [
        "  ]",
        "",
        "  /// Tidal 1.9.5's stateful helpers, each with the control it sets: %d names." % len(stateful),
        "  static let tidalStateful: [StatefulParam] = [",
    ] + ['    StatefulParam("%s", key: "%s", .%s),' % s for s in stateful] + [
        "  ]",
        "",
    ] + gone[:-1] + [
        "}",
        "",
    ])
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(text)
    write_readme_list(order, "params")
    write_readme_list([s[0] for s in stateful], "stateful")
    print("wrote %d controls, %d stateful helpers and %d unsupported names to %s"
          % (len(out), len(stateful), len(unsupported), OUT))


def wrap(words, width):
    """Words joined by spaces into lines of at most `width` characters."""
    lines, line = [], ""
    for w in words:
        if line and len(line) + 1 + len(w) > width:
            lines.append(line)
            line = w
        else:
            line = (line + " " + w) if line else w
    if line:
        lines.append(line)
    return lines


def write_readme_list(names, marker):
    """A README list of names (every control, every stateful helper), between its markers."""
    begin, end = "<!-- %s:begin -->" % marker, "<!-- %s:end -->" % marker
    with open(README, encoding="utf-8") as f:
        text = f.read()
    if begin not in text or end not in text:
        sys.exit("README.md lacks the %s markers" % marker)
    lines = wrap(["`%s`" % n for n in sorted(names, key=lambda n: (n.lower(), n))], 96)
    head, rest = text.split(begin, 1)
    _, tail = rest.split(end, 1)
    with open(README, "w", encoding="utf-8") as f:
        f.write(head + begin + "\n" + "\n".join(lines) + "\n" + end + tail)


if __name__ == "__main__":
    main()
