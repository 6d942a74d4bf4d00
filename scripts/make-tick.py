#!/usr/bin/env python3
"""Writes examples/tick.wav: a short click for the Pure Data examples.

48 kHz, 16-bit, mono, 25 ms. The sound is a 2.5 kHz sine with a fast exponential decay plus a
one-sample edge at the start, so the onset is sharp and easy to hear (and to find in a
recording). Only the standard library is used and no randomness: running it twice gives the
same bytes, so the committed file can be checked against the script.

Usage: python3 scripts/make-tick.py [OUTPUT]   (default: examples/tick.wav beside this repo)
"""
import math
import struct
import sys
import wave
from pathlib import Path

RATE = 48_000
DURATION = 0.025  # seconds
FREQUENCY = 2_500.0  # Hz
DECAY = 0.004  # seconds for the envelope to fall by 1/e
PEAK = 0.8  # of full scale, leaving headroom when several ticks overlap


def samples():
    count = int(RATE * DURATION)
    for i in range(count):
        t = i / RATE
        envelope = math.exp(-t / DECAY)
        value = math.sin(2 * math.pi * FREQUENCY * t) * envelope
        if i == 0:
            value = 1.0  # the edge that marks the onset
        # The last millisecond fades to zero so the click does not end with a step.
        tail = min(1.0, (count - 1 - i) / (RATE * 0.001))
        yield round(PEAK * value * tail * 32767)


def main():
    default = Path(__file__).resolve().parent.parent / "examples" / "tick.wav"
    output = Path(sys.argv[1]) if len(sys.argv) > 1 else default
    output.parent.mkdir(parents=True, exist_ok=True)
    frames = b"".join(struct.pack("<h", s) for s in samples())
    with wave.open(str(output), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(frames)
    print(f"wrote {output} ({len(frames) // 2} frames at {RATE} Hz)")


if __name__ == "__main__":
    main()
