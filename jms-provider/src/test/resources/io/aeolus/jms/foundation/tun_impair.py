#!/usr/bin/env python3
"""Delays and reorders IP packets in user space, for kernels without tc netem (LossyNetworkIT).

Usage: tun_impair.py TUN_DEVICE DELAY_MS JITTER_MS REORDER_PERCENT

The test routes every packet the router namespace forwards into the TUN device (policy routing); this program
reads each one, holds it, and writes it back into the device, from where the kernel routes it on. A packet is
held for DELAY_MS plus a normally distributed JITTER_MS (never below zero), so a jitter larger than the packet
spacing reorders; besides, REORDER_PERCENT of the packets go back at once, overtaking the held ones (as netem's
"reorder" does). Prints READY when the device is open; on SIGTERM prints its counters (packets relayed, sent at
once, overtaken by a later one between the same two hosts, longest hold) and exits.
"""
import fcntl
import heapq
import itertools
import os
import random
import select
import signal
import struct
import sys
import time

TUNSETIFF = 0x400454CA  # _IOW('T', 202, int)
IFF_TUN = 0x0001
IFF_NO_PI = 0x1000


def main():
    if len(sys.argv) != 5:
        sys.exit("usage: tun_impair.py TUN_DEVICE DELAY_MS JITTER_MS REORDER_PERCENT")
    device = sys.argv[1]
    delay_s = float(sys.argv[2]) / 1000.0
    jitter_s = float(sys.argv[3]) / 1000.0
    reorder = float(sys.argv[4]) / 100.0
    if delay_s < 0 or jitter_s < 0 or not 0.0 <= reorder <= 1.0:
        sys.exit("delay and jitter must be >= 0 and the reorder share within 0..100: %s" % sys.argv[2:])

    tun = os.open("/dev/net/tun", os.O_RDWR)
    # Attach to the (persistent) device the test created; raw IP packets, no packet-information header.
    fcntl.ioctl(tun, TUNSETIFF, struct.pack("16sH", device.encode(), IFF_TUN | IFF_NO_PI))

    stats = {"packets": 0, "immediate": 0, "overtaken": 0, "maxHeldMs": 0.0}
    last_sent = {}  # per flow (IPv4 source and destination address): the latest arrival number sent
    held = []  # heap of (release time, arrival number, packet); equal times leave in arrival order
    arrivals = itertools.count()

    def send(number, packet):
        flow = packet[12:20]
        latest = last_sent.get(flow, -1)
        if number < latest:
            stats["overtaken"] += 1  # a packet of the same flow that arrived after this one has already gone
        last_sent[flow] = max(latest, number)
        os.write(tun, packet)

    def stop(_signum, _frame):
        print("RELAYED packets=%d immediate=%d overtaken=%d maxHeldMs=%.1f"
              % (stats["packets"], stats["immediate"], stats["overtaken"], stats["maxHeldMs"]), flush=True)
        os._exit(0)

    signal.signal(signal.SIGTERM, stop)
    print("READY", flush=True)

    while True:
        now = time.monotonic()
        while held and held[0][0] <= now:
            _, number, packet = heapq.heappop(held)
            send(number, packet)
        timeout = max(0.0, held[0][0] - now) if held else 1.0
        readable, _, _ = select.select([tun], [], [], timeout)
        if not readable:
            continue
        packet = os.read(tun, 65535)
        number = next(arrivals)
        stats["packets"] += 1
        if random.random() < reorder:
            stats["immediate"] += 1
            send(number, packet)
            continue
        hold = max(0.0, random.gauss(delay_s, jitter_s)) if jitter_s > 0 else delay_s
        stats["maxHeldMs"] = max(stats["maxHeldMs"], hold * 1000.0)
        heapq.heappush(held, (time.monotonic() + hold, number, packet))


if __name__ == "__main__":
    main()
