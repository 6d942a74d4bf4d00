#!/usr/bin/env python3
"""Compares the timetags two Link peers gave the same moments of the music.

  analyze.py A.jsonl B.jsonl [--warmup SECONDS] [--json OUT]

Each file is a `tala monitor --json` capture of one peer's superdirt target (same latency).
Every event of A is paired with B's event nearest in time; a pair must be closer than a quarter
of the event spacing and have the same position in the cycle (`cycle` modulo 1: peers share
phase, their cycle counts may differ by whole cycles). Prints the number of pairs, the phase
offset |tA - tB| p50/p99/max in ms, the tempo agreement (pairs with equal `cps`), and for every
tempo change the delay between the two peers' first events at the new tempo.
With --after-leave (B left before the end): A's events after B's last one, their tempi, and
how far A's spacing strays from its tempo's (a peer leaving must change nothing).
`analyze.py --hut TALA.jsonl SCREEN --json OUT` (linkhut.sh): the tempi Tala played, LinkHut's
tempo and peers from its screen, and Tala's largest gap between events against their spacing.
With --gaps (start/stop sync): each peer's longest silence, and how far apart the two peers'
silences begin and end.
"""
import json
import sys

NTP_DELTA = 2208988800


def timetag_ns(text):
    seconds, fraction = (int(part, 16) for part in text[2:].split("."))
    return (seconds - NTP_DELTA) * 1_000_000_000 + (fraction * 1_000_000_000 >> 32)


def events(path):
    out = []
    for line in open(path):
        line = line.strip()
        if not line:
            continue
        packet = json.loads(line)["packet"]
        elements = packet.get("elements", [packet])
        for element in elements:
            args = element.get("args", [])
            values = {args[i]: args[i + 1] for i in range(0, len(args) - 1, 2)}
            if "cycle" in values:
                out.append((timetag_ns(packet["timetag"]), float(values["cycle"]), float(values["cps"])))
    out.sort()
    return out


def percentile(values, p):
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, min(len(ordered), int(p * len(ordered) + 0.999999)))
    return ordered[rank - 1]


def tempo_changes(evs):
    changes = []
    for previous, current in zip(evs, evs[1:]):
        if abs(previous[2] - current[2]) > 1e-6:
            changes.append((current[0], current[2]))
    return changes


def hut(args):
    json_out = args[args.index("--json") + 1] if "--json" in args else None
    evs = events(args[0])
    lines = open(args[1]).read().splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("enabled"))
    fields = [f.strip() for f in lines[header + 1].split("|")]
    tempi = []
    for _, _, cps in evs:
        if not tempi or abs(tempi[-1] - cps) > 1e-9:
            tempi.append(cps)
    ratios = [(y[0] - x[0]) / (1e9 / max(x[2], y[2]) / 4) for x, y in zip(evs, evs[1:])]
    result = {
        "events": len(evs),
        "tempi_bpm": [round(c * 240, 4) for c in tempi],
        "hut_enabled": fields[0],
        "hut_peers": int(fields[1]),
        "hut_bpm": float(fields[4]),
        "largest_gap_in_spacings": max(ratios) if ratios else None,
    }
    print(f"Tala played {len(evs)} events at {result['tempi_bpm']} bpm; LinkHut: enabled {fields[0]}, "
          f"{fields[1]} peer(s), {fields[4]} bpm; largest gap {result['largest_gap_in_spacings']:.3f} spacings")
    if json_out:
        with open(json_out, "w") as f:
            json.dump(result, f)


def main():
    args = sys.argv[1:]
    if args and args[0] == "--hut":
        return hut(args[1:])
    warmup = 1.0
    json_out = None
    if "--warmup" in args:
        i = args.index("--warmup")
        warmup = float(args[i + 1])
        del args[i : i + 2]
    gaps = "--gaps" in args
    if gaps:
        args.remove("--gaps")
    after_leave = "--after-leave" in args
    if after_leave:
        args.remove("--after-leave")
    if "--json" in args:
        i = args.index("--json")
        json_out = args[i + 1]
        del args[i : i + 2]
    a, b = events(args[0]), events(args[1])
    if not a or not b:
        print(f"no events (A {len(a)}, B {len(b)})")
        sys.exit(1)
    start = max(a[0][0], b[0][0]) + int(warmup * 1e9)
    end = min(a[-1][0], b[-1][0]) - 100_000_000
    offsets, same_tempo, pairs, unmatched = [], 0, 0, 0
    j = 0
    for t, cycle, cps in a:
        if t < start or t > end:
            continue
        while j + 1 < len(b) and abs(b[j + 1][0] - t) <= abs(b[j][0] - t):
            j += 1
        tb, cycle_b, cps_b = b[j]
        spacing = 1e9 / cps / 4
        if abs(tb - t) > spacing / 4 or abs((cycle - cycle_b) - round(cycle - cycle_b)) > 1e-6:
            unmatched += 1
            continue
        pairs += 1
        offsets.append(abs(tb - t) / 1e6)
        if abs(cps - cps_b) < 1e-6:
            same_tempo += 1
    changes_a, changes_b = tempo_changes(a), tempo_changes(b)
    follow = []
    for t, cps in changes_a:
        later = [tb for tb, cps_b in changes_b if abs(cps_b - cps) < 1e-6]
        if later:
            follow.append(min((abs(tb - t) / 1e6 for tb in later)))
    result = {
        "pairs": pairs,
        "unmatched": unmatched,
        "phase_p50_ms": percentile(offsets, 0.5),
        "phase_p99_ms": percentile(offsets, 0.99),
        "phase_max_ms": max(offsets) if offsets else float("nan"),
        "same_tempo": same_tempo,
        "tempo_changes": len(changes_a),
        "tempo_follow_max_ms": max(follow) if follow else float("nan"),
    }
    if after_leave:
        alone = [e for e in a if e[0] > b[-1][0]]
        tempi = sorted({round(e[2], 6) for e in alone})
        strays = [abs((y[0] - x[0]) - 1e9 / x[2] / 4) / 1e6 for x, y in zip(alone, alone[1:])]
        result["alone_events"] = len(alone)
        result["alone_tempi"] = tempi
        result["alone_tempo_before"] = round(b[-1][2], 6)
        result["alone_spacing_max_ms"] = max(strays) if strays else float("nan")
        print(f"after B left: A played {len(alone)} events at {tempi} cps (B's last tempo "
              f"{result['alone_tempo_before']}), spacing within {result['alone_spacing_max_ms']:.3f} ms")
    if gaps:
        def longest(evs):
            return max(zip(evs, evs[1:]), key=lambda pair: pair[1][0] - pair[0][0])
        (a0, a1), (b0, b1) = longest(a), longest(b)
        result["gap_a_ms"] = (a1[0] - a0[0]) / 1e6
        result["gap_b_ms"] = (b1[0] - b0[0]) / 1e6
        result["gap_begin_diff_ms"] = abs(a0[0] - b0[0]) / 1e6
        result["gap_end_diff_ms"] = abs(a1[0] - b1[0]) / 1e6
        result["gap_end_same_phase"] = abs((a1[1] - b1[1]) - round(a1[1] - b1[1])) < 1e-6
        print(f"transport stopped: A silent {result['gap_a_ms']:.1f} ms, B silent {result['gap_b_ms']:.1f} ms; "
              f"silences begin {result['gap_begin_diff_ms']:.3f} ms and end {result['gap_end_diff_ms']:.3f} ms apart")
    print(f"pairs {pairs} (unmatched {unmatched}) over {(end - start) / 1e9:.1f} s")
    print(f"tempo agreement: {same_tempo} of {pairs} pairs at the same cps; "
          f"{len(changes_a)} tempo changes, the other peer's events follow within "
          f"{result['tempo_follow_max_ms']:.3f} ms")
    print(f"phase offset |tA - tB|: p50 {result['phase_p50_ms']:.3f} ms, p99 {result['phase_p99_ms']:.3f} ms, "
          f"max {result['phase_max_ms']:.3f} ms")
    if json_out:
        clean = {k: (None if isinstance(v, float) and v != v else v) for k, v in result.items()}
        with open(json_out, "w") as f:
            json.dump(clean, f)


if __name__ == "__main__":
    main()
