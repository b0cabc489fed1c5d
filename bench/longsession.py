#!/usr/bin/env python3
"""longsession.py - long SMTP sessions, every message timed.

    python3 bench/longsession.py HOST PORT MESSAGES SESSIONS FIELDS [FIELD_LEN]

Opens SESSIONS connections in parallel and sends MESSAGES messages over
each without reconnecting (as an MTA relaying a queue does), each with a
header of FIELDS fields (FIELD_LEN bytes of value each, default 40) and a
4 KiB body, and times every message from MAIL FROM to the reply to the
final dot.  Prints one line: messages, wall time, rate, latency
percentiles in ms, the slowest, and how many took over 30 ms (a delayed
ACK on Linux is 40 ms).  Used by bench/longsession.sh; smtp-source can
keep a connection open (-d) but reports no per-message times.
"""
import smtplib
import sys
import threading
import time

FROM = "alice@customer.example"
TO = "owner@myfirm.example"
BODY = "Hello, could you tell me the price for the work we discussed?\r\n" * 64


def message(session, i, fields, flen):
    """One message; the Message-ID is unique so the store records each."""
    lines = [
        "From: Alice <%s>" % FROM,
        "To: Owner <%s>" % TO,
        "Subject: question %d-%d" % (session, i),
        "Date: Mon, 23 Nov 2026 10:00:00 +0000",
        "Message-ID: <ls-%d-%d-%d@customer.example>" % (session, i, time.time_ns()),
    ]
    k = 0
    while len(lines) < fields:
        lines.append("X-Filler-%d: %s" % (k, ("v%03d" % k) * max(1, flen // 4)))
        k += 1
    return "\r\n".join(lines) + "\r\n\r\n" + BODY


def session(host, port, sid, count, fields, flen, out, lock):
    smtp = smtplib.SMTP(host, port, timeout=60)
    smtp.ehlo("client.example")
    mine = []
    for i in range(count):
        m = message(sid, i, fields, flen)
        t0 = time.perf_counter()
        smtp.sendmail(FROM, [TO], m)
        mine.append((time.perf_counter() - t0) * 1000)
    smtp.quit()
    with lock:
        out.extend(mine)


def main():
    if len(sys.argv) not in (6, 7):
        sys.exit(__doc__.strip().splitlines()[2].strip())
    host, port = sys.argv[1], int(sys.argv[2])
    count, sessions, fields = (int(a) for a in sys.argv[3:6])
    flen = int(sys.argv[6]) if len(sys.argv) == 7 else 40
    lat, lock = [], threading.Lock()
    t0 = time.perf_counter()
    threads = [threading.Thread(target=session,
                                args=(host, port, k, count, fields, flen, lat, lock))
               for k in range(sessions)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    if len(lat) != count * sessions:
        sys.exit("longsession: only %d of %d messages sent" % (len(lat), count * sessions))
    lat.sort()

    def pct(p):
        return lat[min(len(lat) - 1, int(p / 100 * len(lat)))]

    print("%d\t%.2f\t%.0f\t%.2f\t%.2f\t%.2f\t%.1f\t%d" % (
        len(lat), wall, len(lat) / wall, pct(50), pct(90), pct(99), lat[-1],
        sum(1 for x in lat if x > 30)))


if __name__ == "__main__":
    main()
