#!/usr/bin/env python3
"""slowpeer.py - SMTP peers that are far away: every command waits a round trip.

    python3 bench/slowpeer.py HOST PORT MESSAGES SESSIONS RTT_MS [SIZE [SEED]]

What it is for: loading a mail server the way the Internet does.  A real
server's sessions are paced by its peers' latency, not by its own CPU:
after every reply the peer needs a network round trip before the next
command arrives.  This client runs SESSIONS peers in parallel (threads);
each takes the next of MESSAGES messages, opens a new connection, and
before the banner, EHLO, MAIL, RCPT, DATA, the message and QUIT waits
RTT_MS (times a factor drawn from 0.5 to 1.5, so that the peers do not
move in step), then sends.  The server waits for its peers, as it would
for real ones; the smtpd process and its milter connection stay held
for the whole session.

It times, for every message, the server's own part of the end of the
message: from sending the final dot to the reply (Postfix runs the
milter's end-of-message, clientele's store transaction included, in
that interval).  Prints one line:

    messages wall_s rate_per_s dot_p50_ms dot_p90_ms dot_p99_ms dot_max_ms cpu_s

cpu_s is this client's own CPU time (user + system), so that a bench can
tell the load generator's share of the machine from the server's.

What it never does: pipeline commands, reuse a connection, or retry;
any reply other than the expected one ends the run with status 1.
The envelope and headers are those of bench/pgsql.sh's smtp-source runs
(one sender, alice@customer.example, to owner@myfirm.example), and each
message has its own Message-ID, so a store records every one.
"""
import concurrent.futures
import random
import resource
import socket
import sys
import threading
import time

FROM = "alice@customer.example"
TO = "owner@myfirm.example"
LINE = "La de da de da, the quick brown peer waits a round trip.\r\n"


class Peers:
    """The shared work queue and the timings; guarded by self.lock."""

    def __init__(self, total):
        self.lock = threading.Lock()
        self.left = total
        self.next_id = 0
        self.dots = []
        self.failed = None

    def take(self):
        with self.lock:
            if self.left <= 0 or self.failed:
                return None
            self.left -= 1
            self.next_id += 1
            return self.next_id

    def done(self, dot_s):
        with self.lock:
            self.dots.append(dot_s)

    def fail(self, why):
        with self.lock:
            if not self.failed:
                self.failed = why


def reply(f, want):
    """Read one (possibly multi-line) reply; its code must start with want."""
    while True:
        line = f.readline()
        if not line:
            raise IOError("connection closed waiting for %s" % want)
        if not line.startswith(want.encode()):
            raise IOError("expected %s, got %r" % (want, line[:80]))
        if line[3:4] != b"-":
            return


def body(size, n, session):
    head = ("From: <%s>\r\nTo: <%s>\r\nSubject: slow peer %d\r\n"
            "Date: Mon, 30 Nov 2026 10:00:00 +0000\r\n"
            "Message-ID: <sp-%d-%d-%d@customer.example>\r\n\r\n"
            % (FROM, TO, n, session, n, time.time_ns()))
    text = LINE * max(1, size // len(LINE))
    return (head + text + ".\r\n").encode()


def one(host, port, rtt, rnd, size, n, session, peers):
    """One message over its own connection, a round trip before each step."""
    wait = lambda: time.sleep(rtt * rnd.uniform(0.5, 1.5))
    wait()  # the TCP handshake and the banner's way back
    with socket.create_connection((host, port), timeout=60) as s:
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        f = s.makefile("rb")
        reply(f, "220")
        for cmd, want in (("EHLO peer%d.example" % session, "250"),
                          ("MAIL FROM:<%s>" % FROM, "250"),
                          ("RCPT TO:<%s>" % TO, "250"),
                          ("DATA", "354")):
            wait()
            s.sendall((cmd + "\r\n").encode())
            reply(f, want)
        wait()
        t0 = time.monotonic()
        s.sendall(body(size, n, session))
        reply(f, "250")
        peers.done(time.monotonic() - t0)
        wait()
        s.sendall(b"QUIT\r\n")
        reply(f, "221")


def session_main(host, port, rtt, size, seed, session, peers):
    rnd = random.Random(seed * 1000 + session)
    while True:
        n = peers.take()
        if n is None:
            return
        try:
            one(host, port, rtt, rnd, size, n, session, peers)
        except (IOError, OSError) as e:
            peers.fail("message %d: %s" % (n, e))
            return


def pct(v, p):
    return v[min(len(v) - 1, int(p * len(v)))] * 1000 if v else 0


def main(argv):
    if len(argv) not in (6, 7, 8):
        sys.stderr.write(__doc__.split("\n\n")[1] + "\n")
        return 2
    host, port = argv[1], int(argv[2])
    total, sessions, rtt = int(argv[3]), int(argv[4]), float(argv[5]) / 1000
    size = int(argv[6]) if len(argv) > 6 else 4096
    seed = int(argv[7]) if len(argv) > 7 else 1
    peers = Peers(total)
    t0 = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=sessions) as pool:
        for job in [pool.submit(session_main, host, port, rtt, size, seed, i,
                                peers) for i in range(sessions)]:
            job.result()
    wall = time.monotonic() - t0
    if peers.failed:
        sys.stderr.write("slowpeer: %s\n" % peers.failed)
        return 1
    d = sorted(peers.dots)
    ru = resource.getrusage(resource.RUSAGE_SELF)
    print("%d %.3f %.1f %.1f %.1f %.1f %.1f %.2f" % (
        len(d), wall, len(d) / wall if wall > 0 else 0,
        pct(d, 0.5), pct(d, 0.9), pct(d, 0.99), pct(d, 1.0),
        ru.ru_utime + ru.ru_stime))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
