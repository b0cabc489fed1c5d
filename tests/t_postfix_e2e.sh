#!/bin/sh
# t_postfix_e2e.sh - clientele-milter behind a real Postfix, end to end.
#
# Starts a private Postfix on loopback (scripts/postfix-lab.sh) that relays
# to smtp-sink, with ./clientele-milter as its milter, sends five messages
# with swaks (an enquiry, a second message from the same customer, an
# introduction with a Cc, an auto-reply, a newsletter, a follow-up with
# 3000 forged X-Clientele fields) and checks that:
#   - every message is delivered (the milter never loses mail);
#   - the second message from a known customer carries X-Clientele;
#   - the newsletter and the auto-reply carry no X-Clientele, and a forged
#     X-Clientele that came with a message never survives;
#   - the store records the introduction as a referral (./clientele).
# Everything lives under tests/tmp/e2e; the lab and the milter are stopped
# on every exit.  Run from anywhere; needs root (Postfix) and swaks.
t_name=t_postfix_e2e t_tmp=tests/tmp/e2e
. "$(dirname "$0")/lib.sh"
TOP=$top
LAB=$tmp
LABSH="sh $TOP/scripts/postfix-lab.sh"
OWNER=sam@brightdesk.example
DANA=dana@reyes-accounting.example
LEE=lee@parkbakery.example

fatal() {
	echo "FATAL: $*"
	if [ -f "$LAB/log/milter.log" ]; then
		echo "--- milter log:"
		tail -n 30 "$LAB/log/milter.log"
	fi
	exit 1
}

t_cleanup() {
	$LABSH stop "$LAB"
}
trap t_cleanup EXIT
trap 'exit 1' INT TERM HUP

[ "$(id -u)" = 0 ] || fatal "needs root to run a private Postfix"
need swaks
built "$milter" "$bin"

mkdir -p "$LAB/mail" || fatal "cannot create $LAB"
DB=$LAB/clientele.db
CONF=$conf
MPORT=$($LABSH free-port $((30000 + ($$ * 13) % 20000))) || fatal "no free port"
MSOCK="inet:$MPORT@127.0.0.1"

# Sam's studio (the owner's replies are not sent through this Postfix:
# every sender counts, as studio_conf has it)
studio_conf "Database $DB" "Socket $MSOCK" "Syslog no" \
    "LogLevel debug" "AddHeaders yes" "SpoolDir $LAB/spool"
chmod 644 "$CONF"

./clientele-milter -c "$CONF" -n >"$LAB/check.log" 2>&1 ||
	fatal "clientele-milter -n rejects the test config: $(cat "$LAB/check.log")"

$LABSH start "$LAB" --milter "$MSOCK" || fatal "the lab did not start"
$LABSH spawn "$LAB" milter "$TOP/clientele-milter" -f -c "$CONF" -p "$MSOCK" ||
	fatal "clientele-milter did not start"
$LABSH wait-socket "$MSOCK" 20 || fatal "clientele-milter does not listen"
. "$LAB/lab.env"

# The messages, as their senders' mail programs would write them.
cat >"$LAB/mail/1-enquiry.eml" <<EOF
From: Dana Reyes <$DANA>
To: Sam Carter <$OWNER>
Subject: New logo for Reyes Accounting
Date: Mon, 02 Mar 2026 09:12:00 +0000
Message-ID: <e2e-1@reyes-accounting.example>

Hi Sam,

We are refreshing our brand this spring. Could you send me a quote for a
new logo and letterhead? What are your rates for a small firm like ours?

Best,
Dana
EOF

cat >"$LAB/mail/2-followup.eml" <<EOF
From: Dana Reyes <$DANA>
To: Sam Carter <$OWNER>
Subject: Re: New logo for Reyes Accounting
Date: Mon, 02 Mar 2026 15:40:00 +0000
Message-ID: <e2e-2@reyes-accounting.example>
In-Reply-To: <e2e-1@reyes-accounting.example>
X-Clientele: category=bad; referrals=0; tags=forged

Thanks so much for the quick reply, the first sketches look great.
Let's go ahead.

Dana
EOF

cat >"$LAB/mail/3-introduction.eml" <<EOF
From: Dana Reyes <$DANA>
To: Sam Carter <$OWNER>
Cc: Lee Park <$LEE>
Subject: Introduction: Lee from Park Bakery
Date: Tue, 03 Mar 2026 10:05:00 +0000
Message-ID: <e2e-3@reyes-accounting.example>

Sam, let me introduce you to Lee Park, who runs the bakery on our street
and needs new packaging. I've copied Lee in so you two can talk.

Dana
EOF

cat >"$LAB/mail/4-autoreply.eml" <<EOF
From: Max Imhof <max@imhof-consult.example>
To: Sam Carter <$OWNER>
Subject: Automatic reply: Invoice 2026-031
Date: Tue, 03 Mar 2026 11:00:00 +0000
Message-ID: <e2e-4@imhof-consult.example>
Auto-Submitted: auto-replied
X-Autoreply: yes

I am out of the office until Monday with limited access to mail.
EOF

cat >"$LAB/mail/5-newsletter.eml" <<EOF
From: Design Weekly <news@designweekly.example>
To: $OWNER
Subject: Design Weekly: ten typefaces for spring
Date: Tue, 03 Mar 2026 12:00:00 +0000
Message-ID: <e2e-5@designweekly.example>
List-Id: Design Weekly <weekly.designweekly.example>
List-Unsubscribe: <mailto:leave@designweekly.example>
Precedence: list
X-Clientele: category=good; referrals=9; tags=forged

This week: ten typefaces for spring, and how to quote for a brand refresh.
EOF

# A follow-up from Lee with 3000 forged fields in three spellings: not
# one may reach the mailbox (the milter once removed only the first 64).
{
	echo "From: Lee Park <$LEE>"
	echo "To: Sam Carter <$OWNER>"
	echo "Subject: Re: Packaging"
	echo "Date: Wed, 04 Mar 2026 09:00:00 +0000"
	echo "Message-ID: <e2e-6@parkbakery.example>"
	i=0
	while [ $i -lt 3000 ]; do
		echo "X-Clientele: category=good; referrals=9; tags=forged$i"
		echo "x-clientele: category=good; referrals=9; tags=forged$i"
		echo "X-CLIENTELE: category=good; referrals=9; tags=forged$i"
		i=$((i + 3))
	done
	echo
	echo "Thank you, the samples arrived today."
	echo
	echo "Lee"
} >"$LAB/mail/6-forged.eml"

# send FILE ENVELOPE-FROM: one SMTP transaction through the lab Postfix
send() {
	if ! timeout 30 swaks --silent 2 --server "127.0.0.1:$SMTP_PORT" \
	    --from "$2" --to "$OWNER" --data "$1" >"$LAB/swaks.log" 2>&1; then
		cat "$LAB/swaks.log"
		fatal "swaks could not send $(basename "$1")"
	fi
}

send "$LAB/mail/1-enquiry.eml" "$DANA"
send "$LAB/mail/2-followup.eml" "$DANA"
send "$LAB/mail/3-introduction.eml" "$DANA"
send "$LAB/mail/4-autoreply.eml" max@imhof-consult.example
send "$LAB/mail/5-newsletter.eml" bounces@designweekly.example
send "$LAB/mail/6-forged.eml" "$LEE"

$LABSH wait "$LAB" 6 60 || fatal "not every message was delivered"

# delivered ID - the sink file holding the message with Message-ID <ID>
delivered() {
	grep -l -i "^Message-ID: <$1>" "$SINK_DIR"/* 2>/dev/null | head -n 1
}

# header_of FILE - the message's own header block (smtp-sink's lines too)
header_of() {
	sed -n '/^$/q;p' "$1"
}

n=$(find "$SINK_DIR" -type f | wc -l)
[ "$n" -eq 6 ] || fail "expected 6 delivered messages, found $n"

for id in e2e-1@reyes-accounting.example e2e-2@reyes-accounting.example \
    e2e-3@reyes-accounting.example e2e-4@imhof-consult.example \
    e2e-5@designweekly.example e2e-6@parkbakery.example; do
	[ -n "$(delivered "$id")" ] || fail "message $id was not delivered"
done

f=$(delivered e2e-2@reyes-accounting.example)
if [ -n "$f" ]; then
	if header_of "$f" | grep -q '^X-Clientele: '; then
		header_of "$f" | grep '^X-Clientele: ' | grep -q 'category=' ||
			fail "X-Clientele on the follow-up has no category: $(header_of "$f" | grep '^X-Clientele')"
	else
		fail "the second message from a known customer has no X-Clientele header"
	fi
	[ "$(header_of "$f" | grep -c '^X-Clientele: ')" -le 1 ] ||
		fail "the follow-up carries more than one X-Clientele header"
	header_of "$f" | grep -q '^X-Clientele: .*forged' &&
		fail "the forged X-Clientele on the follow-up was kept"
fi

f=$(delivered e2e-6@parkbakery.example)
if [ -n "$f" ]; then
	header_of "$f" | grep -qi '^X-Clientele: .*forged' &&
		fail "$(header_of "$f" | grep -ci '^X-Clientele: .*forged') of 3000 forged X-Clientele fields reached the mailbox"
	[ "$(header_of "$f" | grep -ci '^X-Clientele:')" -le 1 ] ||
		fail "the message with forged fields carries more than our X-Clientele"
fi

for id in e2e-5@designweekly.example e2e-4@imhof-consult.example; do
	f=$(delivered "$id")
	if [ -n "$f" ] && header_of "$f" | grep -q '^X-Clientele: '; then
		fail "$id got an X-Clientele header: $(header_of "$f" | grep '^X-Clientele')"
	fi
done

# one_per_line - a JSON array of flat objects, one object a line, no blanks
one_per_line() {
	tr -d '\n\t ' | sed 's/},{/}\n{/g'
}

# The store: the introduction made Dana a referrer and Lee referred by her.
./clientele --db "$DB" referrers --format json >"$LAB/referrers.json" \
	2>"$LAB/referrers.err" || fail "clientele referrers failed: $(cat "$LAB/referrers.err")"
line=$(one_per_line <"$LAB/referrers.json" | grep "\"email\":\"$DANA\"")
if [ -z "$line" ]; then
	fail "$DANA is not among the referrers: $(cat "$LAB/referrers.json")"
else
	echo "$line" | grep -q '"referrals":1[,}]' ||
		fail "$DANA should have 1 referral: $line"
fi

./clientele --db "$DB" show "$LEE" --format json >"$LAB/lee.json" \
	2>"$LAB/lee.err" || fail "clientele show $LEE failed: $(cat "$LAB/lee.err")"
tr -d '\n\t ' <"$LAB/lee.json" | grep -q "\"referred_by\":\"$DANA\"" ||
	fail "$LEE should be referred by $DANA: $(cat "$LAB/lee.json")"

./clientele --db "$DB" show "$DANA" --format json >"$LAB/dana.json" \
	2>"$LAB/dana.err" || fail "clientele show $DANA failed: $(cat "$LAB/dana.err")"
tr -d '\n\t ' <"$LAB/dana.json" | grep -q '"messages":3[,}]' ||
	fail "$DANA should have 3 messages: $(cat "$LAB/dana.json")"

# Neither the list nor the auto-reply sender became a customer.
./clientele --db "$DB" customers --format json >"$LAB/customers.json" \
	2>"$LAB/customers.err" || fail "clientele customers failed: $(cat "$LAB/customers.err")"
for who in news@designweekly.example max@imhof-consult.example; do
	grep -q "\"$who\"" "$LAB/customers.json" &&
		fail "$who should not be a customer: $(cat "$LAB/customers.json")"
done

# --- digest (a later issue) -------------------------------------------------
# When `./clientele digest` exists, check here that it reports this day's
# mail.  Intentionally empty until then.
# ---------------------------------------------------------------------------

if [ "$fails" -ne 0 ]; then
	echo "--- milter log:"
	tail -n 40 "$LAB/log/milter.log"
	echo "t_postfix_e2e: $fails check(s) failed"
	exit 1
fi
echo "t_postfix_e2e: 6 messages through Postfix and clientele-milter, all checks passed"
exit 0
