#!/usr/bin/env python3
# smtp_feed.py - hand message files to an SMTP server, one after another,
# as a mail server's peers would: for tests/t_pg_twoservers.sh and bench/.
#
#   smtp_feed.py PORT RCPT FILE...
#
# Each file is one transaction on one session to 127.0.0.1:PORT: the
# envelope sender is the address of its From: field (the null sender
# when there is none), the recipient RCPT, line ends made CRLF.  The next
# file is sent only once the server accepted the previous one (after its
# milter's end-of-message), so a receiving milter sees them in the order
# given.  Exit 0 when every file was accepted; else 1 after naming the
# first refused file.
import email.parser
import email.policy
import email.utils
import re
import smtplib
import sys


def sender_of(data):
    head = data.split(b"\n\n", 1)[0].split(b"\r\n\r\n", 1)[0]
    msg = email.parser.BytesHeaderParser(policy=email.policy.compat32).parsebytes(head)
    addr = email.utils.parseaddr(str(msg.get("From", "")))[1]
    return addr if "@" in addr else ""


def main(argv):
    if len(argv) < 4:
        print("usage: smtp_feed.py PORT RCPT FILE...", file=sys.stderr)
        return 2
    port, rcpt, files = int(argv[1]), argv[2], argv[3:]
    s = smtplib.SMTP("127.0.0.1", port, timeout=60)
    s.ehlo("feed.test")
    for path in files:
        with open(path, "rb") as f:
            data = re.sub(rb"\r?\n", b"\r\n", f.read())
        opts = ["BODY=8BITMIME"] if any(b > 127 for b in data) else []
        try:
            s.sendmail(sender_of(data), [rcpt], data, mail_options=opts)
        except smtplib.SMTPException as e:
            print("smtp_feed: %s: %s" % (path, e), file=sys.stderr)
            return 1
    s.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
