#!/usr/bin/env python3
"""Sends `tala listen` a mix of bundles built by python-osc (an independent encoder).

  pyosc_listen.py PORT

Future bundles (+400 ms, +250 ms), an immediate bundle, a bundle 20 ms in the past, one 2 s in the
past, a bare message, a SuperDirt message and a malformed datagram. Prints the timetags it used as
`name NTP-integer` lines so the test can compare them with Tala's output.
Exit status 3 means python-osc is missing: `pip install python-osc==1.10.2`.
"""
import socket
import sys
import time

try:
    from pythonosc import osc_bundle_builder, osc_message_builder
except ImportError:
    sys.stderr.write("python-osc is not installed: pip install python-osc==1.10.2\n")
    sys.exit(3)

NTP_DELTA = 2208988800


def message(address, *args):
    b = osc_message_builder.OscMessageBuilder(address=address)
    for a in args:
        b.add_arg(a)
    return b.build()


def bundle(timestamp, msg):
    b = osc_bundle_builder.OscBundleBuilder(timestamp)
    b.add_content(msg)
    return b.build()


def main():
    port = int(sys.argv[1])
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    now = time.time()
    plan = [
        ("b", now + 0.4, message("/py", "b")),
        ("a", now + 0.25, message("/py", "a")),
        ("imm", osc_bundle_builder.IMMEDIATELY, message("/py", "imm")),
        ("past", now - 0.02, message("/py", "past")),
        ("old", now - 2.0, message("/py", "old")),
    ]
    for name, when, msg in plan:
        dgram = bundle(when, msg).dgram
        sock.sendto(dgram, ("127.0.0.1", port))
        if when != osc_bundle_builder.IMMEDIATELY:
            print(name, int.from_bytes(dgram[8:16], "big"))
    sock.sendto(message("/py", "bare").dgram, ("127.0.0.1", port))
    sock.sendto(message("/dirt/play", "s", "bd", "n", 3).dgram, ("127.0.0.1", port))
    sock.sendto(b"#bundle\x00\x00\x00", ("127.0.0.1", port))


if __name__ == "__main__":
    main()
