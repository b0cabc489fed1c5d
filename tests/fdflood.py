#!/usr/bin/env python3
"""fdflood.py - hold idle TCP connections to a milter on loopback.

    fdflood.py PORT COUNT READYFILE HOLDSECONDS

Opens up to COUNT connections to 127.0.0.1:PORT and sends nothing on
them, as an MTA that leaves its milter connections idle (or anyone who
can reach the socket) would.  Once they are open it writes the number
opened to READYFILE, holds them HOLDSECONDS (at most 120), counting those
the milter closes, then closes the rest and prints "opened N closed M".
Loopback only; COUNT is capped at 500.
"""
import os
import select
import socket
import sys
import time


def main():
    port = int(sys.argv[1])
    count = min(int(sys.argv[2]), 500)
    ready = sys.argv[3]
    hold = min(float(sys.argv[4]), 120.0)
    socks = []
    for _ in range(count):
        try:
            s = socket.create_connection(("127.0.0.1", port), timeout=1.0)
        except OSError:
            continue
        s.setblocking(False)
        socks.append(s)
    # let the milter accept what it can before the caller goes on
    time.sleep(0.5)
    with open(ready + ".tmp", "w") as f:
        f.write("%d\n" % len(socks))
    os.rename(ready + ".tmp", ready)
    opened = len(socks)
    deadline = time.monotonic() + hold
    closed = 0
    live = list(socks)
    while time.monotonic() < deadline:
        if not live:
            time.sleep(0.1)
            continue
        r, _, _ = select.select(live, [], [], 0.5)
        for s in r:
            try:
                data = s.recv(4096)
            except OSError:
                data = b""
            if not data:
                live.remove(s)
                s.close()
                closed += 1
    for s in live:
        s.close()
    print("opened %d closed %d" % (opened, closed))


if __name__ == "__main__":
    main()
