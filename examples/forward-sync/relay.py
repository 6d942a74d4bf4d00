#!/usr/bin/env python3
"""A UDP relay that delays every datagram by a seeded random amount, in both directions.

  relay.py LISTEN_HOST:PORT FORWARD_HOST:PORT --bind HOST [--delay-ms 20] [--jitter-ms 10]
           [--seed 1] [--seconds N]

Datagrams arriving at LISTEN are sent on to FORWARD (from a socket bound to --bind) after
delay ± jitter (uniform); answers arriving back on that socket go to the last sender, delayed
the same way. Like a real network path with queues, jitter can reorder datagrams. Standard
library only; the wait is a select() on the next due time, so the relay adds well under a
millisecond of its own.
"""
import argparse
import heapq
import random
import select
import signal
import socket
import sys
import time


def address(text):
    host, _, port = text.rpartition(":")
    return host, int(port)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("listen", type=address)
    p.add_argument("forward", type=address)
    p.add_argument("--bind", required=True)
    p.add_argument("--delay-ms", type=float, default=20)
    p.add_argument("--jitter-ms", type=float, default=10)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--seconds", type=float, default=3600)
    a = p.parse_args()

    # A parent may have blocked these (test runners do); the relay must stop when told.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    rng = random.Random(a.seed)
    front = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    front.bind(a.listen)
    back = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    back.bind((a.bind, 0))
    queue = []  # (due, sequence, socket, payload, destination)
    sequence = 0
    client = None
    relayed = 0
    end = time.monotonic() + a.seconds
    while time.monotonic() < end:
        now = time.monotonic()
        while queue and queue[0][0] <= now:
            _, _, sock, payload, destination = heapq.heappop(queue)
            sock.sendto(payload, destination)
            relayed += 1
        timeout = min(0.5, max(0.0, queue[0][0] - now)) if queue else 0.5
        ready, _, _ = select.select([front, back], [], [], timeout)
        for sock in ready:
            payload, source = sock.recvfrom(65536)
            delay = max(0.0, (a.delay_ms + rng.uniform(-a.jitter_ms, a.jitter_ms)) / 1000)
            if sock is front:
                client = source
                target = (back, a.forward)
            elif client is not None:
                target = (front, client)
            else:
                continue
            sequence += 1
            heapq.heappush(queue, (time.monotonic() + delay, sequence, target[0], payload, target[1]))
    print(f"relay: {relayed} datagrams relayed", file=sys.stderr)


if __name__ == "__main__":
    main()
