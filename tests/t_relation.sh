#!/bin/sh
# t_relation - only real relationships count (issue 11), end to end.
#
# tests/fixtures/relation/inbox.mbox holds what a real mailbox holds
# besides customers: spam with the filter's verdict and spam without one
# ("let me introduce myself", to three recipients: it introduces nobody),
# a newsletter whose every issue has its own (VERP) sender, a list-archive
# copy and a list's own copy of a post, cron and notification mail, two
# bounces (one from "MAILER-DAEMON <>"); and the personal mail: Dana's
# enquiry, her introductions of Tom and of Uma, Lee's enquiry.  sent.mbox
# is Sam's Sent folder: his answer to Dana, his mail to Tom, his post to
# the list.
#
# Asserts, under the default CustomerPolicy two-way: Dana and Tom are the
# customers, Lee (unanswered), Uma (introduced, not answered) and the
# headerless spammer are prospects, nothing else is a contact (no list,
# newsletter, robot or bounce address); Dana's referral of Tom counts and
# Uma's is pending ("1 (+1 pending)"); Lee's enquiry is waiting; bounces
# are ignored, not errors; --explain gives each verdict with its reason;
# ingest without a Sent folder warns.  Under CustomerPolicy incoming the
# noise still makes no contact.
set -u
top=$(pwd)
bin=$top/clientele
tmp=$top/tests/tmp/t_relation
fx=tests/fixtures/relation
fails=0
checks=0

[ -x "$bin" ] || { echo "no ./clientele; run make first"; exit 1; }
rm -rf "$tmp"
mkdir -p "$tmp"
cat > "$tmp/clientele.conf" <<EOF
OwnDomains      brightdesk.example
OwnAddresses    sam@brightdesk.example
RulesFile       $top/conf/rules.conf
EOF
sed 's/^# *//' "$tmp/clientele.conf" > "$tmp/incoming.conf"
echo "CustomerPolicy  incoming" >> "$tmp/incoming.conf"

fail() {
	fails=$((fails + 1))
	echo "FAIL: $*"
}

# cl ARGS... - run with the two-way config on $db
cl() {
	"$bin" -c "${conf:-$tmp/clientele.conf}" --db "$db" "$@" >"$tmp/out" \
	    2>"$tmp/err"
	rc=$?
}

want_rc() {
	checks=$((checks + 1))
	[ "$rc" -eq "$1" ] || { fail "$2: exit $rc, want $1"; sed 's/^/    err: /' "$tmp/err"; }
}

# want_grep WHAT FILE PATTERN - a line of FILE matches the fixed string
want_grep() {
	checks=$((checks + 1))
	grep -Fq -- "$3" "$tmp/$2" || { fail "$1: no '$3' in $2"; sed 's/^/    /' "$tmp/$2"; }
}

# want_nogrep WHAT FILE PATTERN - no line of FILE has the fixed string
want_nogrep() {
	checks=$((checks + 1))
	! grep -Fq -- "$3" "$tmp/$2" || { fail "$1: unexpected '$3' in $2"; sed 's/^/    /' "$tmp/$2"; }
}

# want_emails WHAT WANT - the "email" values of the JSON in out, sorted, spaced
want_emails() {
	checks=$((checks + 1))
	got=$(grep -o '"email":"[^"]*"' "$tmp/out" | sed 's/"email":"//; s/"$//' |
	    sort | tr '\n' ' ' | sed 's/ $//')
	[ "$got" = "$2" ] || fail "$1: got '$got', want '$2'"
}

# --- two-way, with the Sent folder ---------------------------------------
db=$tmp/two-way.db
cl ingest --explain --sent $fx/sent.mbox $fx/inbox.mbox
want_rc 0 "ingest"
want_grep "count line" err "ingested 17 messages: 8 recorded, 0 duplicates, 9 ignored, 0 errors"
want_nogrep "no warning with a Sent folder" err "warning"
want_grep "explain spam" out "inbox.mbox:#5: noise, spam: X-Spam-Flag: YES"
want_grep "explain VERP" out "inbox.mbox:#7: noise, bulk: VERP-shaped From bw-2210-8471234@news.bikeweekly.example"
want_grep "explain list archive" out "inbox.mbox:#9: noise, bulk: list tag and owner not in To/Cc"
want_grep "explain list copy" out "inbox.mbox:#10: noise, bulk: mailing list or bulk mail (List-Id"
want_grep "explain cron" out "inbox.mbox:#11: noise, automated: role sender root@"
want_grep "explain notifications" out "inbox.mbox:#12: noise, automated: role sender notifications@social.example"
want_grep "explain bounce" out "inbox.mbox:#13: noise, bounce: Return-Path: <>"
want_grep "explain MAILER-DAEMON <>" out "inbox.mbox:#14: noise, bounce: From: MAILER-DAEMON"
want_grep "explain enquiry" out "inbox.mbox:#4: personal, from lee@park.example (prospect)"
want_grep "explain answered" out "inbox.mbox:#1: personal, from dana@reyes.example (customer)"
want_grep "explain sent" out "sent.mbox:#1: the owner's mail to 1 contact"

cl customers --format json
want_rc 0 "customers"
want_emails "customers: the two-way ones" "dana@reyes.example tom@becker.example"
want_grep "customer status" out '"status":"customer"'
cl customers --status prospect --format json
want_emails "prospects" "lee@park.example uma@nair.example wong@leading-producer.example"
cl customers --status all --format json
for who in deals@cheap-watches.example news.bikeweekly.example kim@lee.example \
    ilug@linux.example root@ notifications@ mailer-daemon sam@brightdesk.example; do
	want_nogrep "no contact: $who" out "$who"
done

cl referrers
want_rc 0 "referrers"
want_grep "referrers: counted and pending" out "1 (+1 pending)"
want_nogrep "referrers: no spammer" out "wong@"
cl referrers --format json
want_grep "referrers json pending" out '"referrals":1,'
want_grep "referrers json pending count" out '"referrals_pending":1'
cl show dana@reyes.example
want_grep "dana is a customer" out "status:      customer"
want_grep "dana referrals" out "referrals:   1 (+1 pending)"
cl show uma@nair.example
want_grep "uma is a prospect" out "status:      prospect"

cl enquiries
want_rc 0 "enquiries"
want_grep "lee waits" out "lee@park.example (Lee Park)  Menu boards for the cafe"
want_nogrep "dana answered" out "dana@"
cl enquiries --format json
want_grep "enquiries json" out '"email":"lee@park.example","name":"Lee Park","subject":"Menu boards for the cafe","since":"2026-03-05T09:00:00Z"'
cl problems
want_grep "no problem customers" out "no customers"

# confirm by hand: Uma becomes a customer and Dana's pending referral counts
cl confirm uma@nair.example
want_rc 0 "confirm"
cl referrers --format json
want_grep "referral counts after confirm" out '"referrals":2,'
cl confirm nobody@nowhere.example
want_rc 1 "confirm an unknown address"
cl confirm
want_rc 2 "confirm without an address"

# export and import keep who is a prospect and the enquiries waiting
cl export
want_rc 0 "export"
cp "$tmp/out" "$tmp/export.json"
want_grep "export has the status" export.json '"status":"prospect"'
db=$tmp/imported.db
cl import "$tmp/export.json"
want_rc 0 "import"
cl customers --status prospect --format json
want_emails "prospects after import" "lee@park.example wong@leading-producer.example"
cl enquiries
want_grep "enquiries after import" out "lee@park.example (Lee Park)  Menu boards for the cafe"
db=$tmp/two-way.db

# re-ingest: all duplicates, same answers
cl ingest --sent $fx/sent.mbox $fx/inbox.mbox
want_grep "re-ingest" err "ingested 17 messages: 0 recorded, 17 duplicates, 0 ignored, 0 errors"

# --- without the Sent folder: a warning, and nobody is a customer ----------
db=$tmp/inbox-only.db
cl ingest $fx/inbox.mbox
want_rc 0 "ingest the inbox alone"
want_grep "warns without outgoing mail" err "warning: no mail from you was seen"
cl customers --format json
want_emails "no customers without the owner's mail" ""

# --- CustomerPolicy incoming: the noise gate holds on its own --------------
db=$tmp/incoming.db
conf=$tmp/incoming.conf
cl ingest $fx/inbox.mbox
want_rc 0 "ingest under incoming"
want_nogrep "no warning under incoming" err "warning"
cl customers --status all --format json
for who in deals@cheap-watches.example news.bikeweekly.example kim@lee.example \
    ilug@linux.example root@ notifications@ mailer-daemon; do
	want_nogrep "incoming, no contact: $who" out "$who"
done
want_grep "incoming: dana is a customer" out '"email":"dana@reyes.example"'
conf=

# --- clientele-milter -t prints the verdict -------------------------------
"$top/clientele-milter" -c "$tmp/clientele.conf" -t tests/fixtures/noise/spam-flag.eml \
    tests/fixtures/noise/personal-enquiry.eml >"$tmp/out" 2>"$tmp/err"
rc=$?
want_rc 0 "milter -t"
want_grep "milter -t spam verdict" out "verdict: noise, spam: X-Spam-Flag: YES"
want_grep "milter -t personal verdict" out "verdict: personal; sender accepted"

echo "t_relation: $checks checks, $fails failed"
[ "$fails" -eq 0 ]
