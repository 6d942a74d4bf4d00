#!/usr/bin/env python3
"""An independent OSC peer for Tala's interoperability tests, built on python-osc.

  pyosc_peer.py recv PORTFILE COUNT   bind 127.0.0.1:0, write the port to PORTFILE, receive COUNT
                                      datagrams (10 s limit) and print each as one line of Tala's
                                      JSON form, decoded by python-osc.
  pyosc_peer.py send PORT             read packets in Tala's JSON form from stdin (one per line),
                                      build each with python-osc's builders, send to 127.0.0.1:PORT.

python-osc supports i h f d s b r m t T F N and arrays (t only when decoding); not S c I.
Exit status 3 means python-osc is missing: `pip install python-osc==1.10.2`.
"""
import json
import socket
import struct
import sys

try:
    from pythonosc import osc_bundle, osc_bundle_builder, osc_message, osc_message_builder
    from pythonosc.parsing import osc_types
except ImportError:
    sys.stderr.write("python-osc is not installed: pip install python-osc==1.10.2\n")
    sys.exit(3)

NTP_DELTA = 2208988800


def float_text(value):
    if value != value:
        return "nan"
    if value in (float("inf"), float("-inf")):
        return "inf" if value > 0 else "-inf"
    return value  # json.dumps writes repr(): the shortest text that round-trips the double


def type_tags(dgram):
    """The type tag string, read with python-osc's own string parser."""
    _, index = osc_types.get_string(dgram, 0)
    if index >= len(dgram):
        return ","
    tags, _ = osc_types.get_string(dgram, index)
    return tags


def convert(tags, values):
    """Pairs python-osc's decoded values with the type tags; returns (json args, rest of tags)."""
    out = []
    values = list(values)
    while tags:
        tag, tags = tags[0], tags[1:]
        if tag == "]":
            return out, tags
        if tag in "TFNI":
            expected = {"T": True, "F": False, "N": None}.get(tag)
            got = values.pop(0)
            assert got is expected, f"python-osc decoded {tag} as {got!r}"
            continue
        value = values.pop(0)
        if tag == "[":
            inner, tags = convert(tags, value)
            out.append(inner)
        elif tag in "fd":
            out.append(float_text(value))
        elif tag == "b":
            out.append(value.hex())
        elif tag == "m":
            out.append(list(value))
        elif tag == "t":
            when, fraction = value
            seconds = int((when - when.replace(year=1900, month=1, day=1, hour=0, minute=0,
                                               second=0, microsecond=0)).total_seconds())
            out.append("0x%08X.%08X" % (seconds, fraction))
        else:  # i h s r
            out.append(value)
    return out, tags


def to_json(dgram):
    if osc_bundle.OscBundle.dgram_is_bundle(dgram):
        bundle = osc_bundle.OscBundle(dgram)
        seconds, fraction = struct.unpack(">II", dgram[8:16])
        elements = [to_json(element.dgram) for element in bundle]
        return {"timetag": "0x%08X.%08X" % (seconds, fraction), "elements": elements}
    message = osc_message.OscMessage(dgram)
    tags = type_tags(dgram)
    args, _ = convert(tags[1:], message.params)
    return {"address": message.address, "types": tags, "args": args}


def build(packet):
    if "address" in packet:
        builder = osc_message_builder.OscMessageBuilder(address=packet["address"])
        add_args(builder, packet.get("types", ",")[1:], list(packet.get("args", [])))
        return builder.build()
    seconds, fraction = (int(part, 16) for part in packet["timetag"][2:].split("."))
    if (seconds, fraction) == (0, 1):
        stamp = osc_bundle_builder.IMMEDIATELY
    else:
        # Exact in a double for the test's timetags (few fraction bits), so python-osc's float
        # conversion reproduces the same 64 bits.
        stamp = seconds - NTP_DELTA + fraction / 2**32
    builder = osc_bundle_builder.OscBundleBuilder(stamp)
    for element in packet["elements"]:
        builder.add_content(build(element))
    return builder.build()


def add_args(builder, tags, values):
    """Adds arguments; python-osc takes an array as a list of values plus a list of types."""
    pairs, _ = typed(tags, values)
    for value, tag in pairs:
        builder.add_arg(value, tag)


def typed(tags, values):
    pairs = []
    while tags:
        tag, tags = tags[0], tags[1:]
        if tag == "]":
            return pairs, tags
        if tag in "TFN":
            pairs.append(({"T": True, "F": False, "N": None}[tag], tag))
            continue
        value = values.pop(0)
        if tag == "[":
            inner, tags = typed(tags, list(value))
            pairs.append(([v for v, _ in inner], [t for _, t in inner]))
        elif tag in "fd":
            pairs.append((float(value), tag))
        elif tag == "b":
            pairs.append((bytes.fromhex(value), tag))
        elif tag == "m":
            pairs.append((tuple(value), tag))
        else:
            pairs.append((value, tag))
    return pairs, tags


def main():
    if sys.argv[1] == "recv":
        sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        sock.bind(("127.0.0.1", 0))
        sock.settimeout(10)
        with open(sys.argv[2] + ".tmp", "w") as f:
            f.write(str(sock.getsockname()[1]))
        import os
        os.rename(sys.argv[2] + ".tmp", sys.argv[2])
        for _ in range(int(sys.argv[3])):
            dgram, _ = sock.recvfrom(65536)
            print(json.dumps(to_json(dgram), separators=(",", ":")), flush=True)
    elif sys.argv[1] == "send":
        sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        for line in sys.stdin:
            if line.strip():
                sock.sendto(build(json.loads(line)).dgram, ("127.0.0.1", int(sys.argv[2])))
    else:
        sys.exit("usage: pyosc_peer.py recv PORTFILE COUNT | send PORT")


if __name__ == "__main__":
    main()
