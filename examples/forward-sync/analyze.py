#!/usr/bin/env python3
"""Compares when the receiver executed each event with when it should have.

  analyze.py OUT_DIR CASE...        (reads OUT_DIR/CASE.cap.jsonl and OUT_DIR/CASE.listen.jsonl)

The intended time of each event comes from a capture on the sender's own host (a bundle target
with the same latency, no relay, no sync: its timetag is the event's time plus latency, exactly).
The receiver's log gives the real time (CLOCK_REALTIME; the namespaces share one kernel clock) at
which it executed each event. Events are matched by their cycle (SuperDirt's `cycle` argument).
Prints a table and a text histogram; writes OUT_DIR/results.json.
"""
import json
import sys

NTP_DELTA = 2208988800
WARMUP_SECONDS = 0.5


def pairs(args):
    return {args[i]: args[i + 1] for i in range(0, len(args) - 1, 2)}


def timetag_ns(text):
    seconds, fraction = (int(part, 16) for part in text[2:].split("."))
    return (seconds - NTP_DELTA) * 1_000_000_000 + (fraction * 1_000_000_000 >> 32)


def intended(path):
    out = {}
    for line in open(path):
        packet = json.loads(line)["packet"]
        for element in packet.get("elements", []):
            cycle = pairs(element["args"]).get("cycle")
            if cycle is not None:
                out[cycle] = timetag_ns(packet["timetag"])
    return out


def executed(path):
    out = {}
    for line in open(path):
        entry = json.loads(line)
        cycle = pairs(entry["args"]).get("cycle")
        if cycle is not None:
            out.setdefault(cycle, entry["dispatched"])
    return out


def percentile(sorted_values, p):
    if not sorted_values:
        return float("nan")
    rank = max(1, min(len(sorted_values), int(p * len(sorted_values) + 0.999999)))
    return sorted_values[rank - 1]


def histogram(deviations_ms, low=-40, high=40, step=2):
    bins = [0] * ((high - low) // step + 1)
    outside = 0
    for d in deviations_ms:
        i = int((d - low) // step)
        if 0 <= i < len(bins):
            bins[i] += 1
        else:
            outside += 1
    peak = max(bins) or 1
    marks = " .:-=#"
    text = "".join(marks[min(5, (b * 5 + peak - 1) // peak)] for b in bins)
    return text, outside


def main():
    out_dir, cases = sys.argv[1], sys.argv[2:]
    results = {}
    print(f"{'case':<44} {'events':>6} {'missing':>7} {'median':>9} {'p50 |dev|':>10} {'p99 |dev|':>10} {'max |dev|':>10}")
    rows = []
    for case in cases:
        want = intended(f"{out_dir}/{case}.cap.jsonl")
        got = executed(f"{out_dir}/{case}.listen.jsonl")
        if not want:
            sys.exit(f"{case}: the sender's capture is empty")
        start = min(want.values()) + int(WARMUP_SECONDS * 1e9)
        cycles = [c for c, t in want.items() if t >= start]
        deviations = [(got[c] - want[c]) / 1e6 for c in cycles if c in got]
        missing = sum(1 for c in cycles if c not in got)
        magnitudes = sorted(abs(d) for d in deviations)
        signed = sorted(deviations)
        r = {
            "events": len(deviations),
            "missing": missing,
            "median_ms": percentile(signed, 0.5),
            "p50_ms": percentile(magnitudes, 0.5),
            "p99_ms": percentile(magnitudes, 0.99),
            "max_ms": magnitudes[-1] if magnitudes else float("nan"),
        }
        results[case] = r
        rows.append((case, deviations))
        print(f"{case:<44} {r['events']:>6} {missing:>7} {r['median_ms']:>+8.3f}  {r['p50_ms']:>9.3f}  {r['p99_ms']:>9.3f}  {r['max_ms']:>9.3f}")
    print()
    print("execution time minus intended time, -40 … +40 ms in 2 ms bins ('|' marks 0):")
    for case, deviations in rows:
        text, outside = histogram(deviations)
        middle = len(text) // 2
        text = text[:middle] + ("|" if text[middle] == " " else text[middle]) + text[middle + 1:]
        print(f"  {case:<44} [{text}]" + (f" +{outside} outside" if outside else ""))
    with open(f"{out_dir}/results.json", "w") as f:
        json.dump(results, f, indent=1)


if __name__ == "__main__":
    main()
