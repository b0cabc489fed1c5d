#!/bin/sh
# t_digest - the owner's reports from the command: summary, digest (to
# stdout and --send through a stand-in sendmail that records what it was
# given, and a failing one), export in both formats, and the JSON export
# read back by import into an empty store (round trip: same file again).
t_name=t_digest
. "$(dirname "$0")/lib.sh"
built "$bin"

# A stand-in sendmail: keeps its arguments and the message.
cat > "$tmp/sendmail" <<SCRIPT
#!/bin/sh
printf '%s\n' "\$@" > "$tmp/sent.args"
cat > "$tmp/sent.eml"
exit 0
SCRIPT
printf '#!/bin/sh\ncat >/dev/null\nexit 75\n' > "$tmp/badsendmail"
chmod +x "$tmp/sendmail" "$tmp/badsendmail"

cat > "$tmp/clientele.conf" <<CONF
OwnDomains      brightdesk.example
OwnAddresses    sam@brightdesk.example
DigestTo        sam@brightdesk.example
DigestFrom      clientele@brightdesk.example
Sendmail        $tmp/sendmail
# the fixture mailbox holds no replies of Sam's: every sender counts
CustomerPolicy  incoming
CONF
# cl ARGS... - here the output is the caller's to redirect
cl() { "$bin" -c "$tmp/clientele.conf" --db "$tmp/db" "$@"; }

# Today's mail: the fixture mbox with its dates moved to now, so that it
# falls inside the digest's 24 hours.
now=$(date -u '+%a, %d %b %Y %H:%M:%S +0000')
sed "s/^Date: .*/Date: $now/" "$mbox" > "$tmp/today.mbox"
cl ingest "$tmp/today.mbox" 2>"$tmp/ingest.err" || fail "ingest failed"

# summary: text without colour when not a terminal, and json
cl summary > "$tmp/summary.txt" || fail "summary failed"
has "$tmp/summary.txt" "New enquiries"
has "$tmp/summary.txt" "New referrals"
has "$tmp/summary.txt" "referred Tom Becker <tom@beckerbikes.example>"
has "$tmp/summary.txt" "rude: "
has "$tmp/summary.txt" "Top referrers"
hasnt "$tmp/summary.txt" "$(printf '\033')"
# the ideal list: good customers only (Derek, who was rude, is bad)
sed -n '/^Ideal customers/,$p' "$tmp/summary.txt" > "$tmp/ideal.txt"
has "$tmp/ideal.txt" "Priya Natarajan <priya@lumenbakery.example>"
hasnt "$tmp/ideal.txt" "derek@grumbleco.example"
cl summary --format json > "$tmp/summary.json" || fail "summary json failed"
has "$tmp/summary.json" '"counts":{"good":'
cl summary --format csv 2>/dev/null
[ $? -eq 2 ] || fail "summary --format csv should be a usage error"

# digest to stdout: a whole message with the agreed headers
cl digest > "$tmp/digest.eml" || fail "digest failed"
has "$tmp/digest.eml" "^From: clientele@brightdesk.example"
has "$tmp/digest.eml" "^To: sam@brightdesk.example"
has "$tmp/digest.eml" "^Auto-Submitted: auto-generated"
has "$tmp/digest.eml" "^MIME-Version: 1.0"
has "$tmp/digest.eml" "^Subject: clientele: [0-9]* enquir"
has "$tmp/digest.eml" "multipart/alternative"
has "$tmp/digest.eml" "text/html; charset=utf-8"
awk 'length($0) > 79 { bad = 1 } END { exit bad }' "$tmp/digest.eml" ||
	fail "digest has a line over 78 characters"

# --send hands it to Sendmail with -i and the recipient
cl digest --send --to owner@brightdesk.example || fail "digest --send failed"
[ "$(tr '\n' ' ' < "$tmp/sent.args")" = "-i -- owner@brightdesk.example " ] ||
	fail "sendmail got: $(cat "$tmp/sent.args")"
has "$tmp/sent.eml" "^To: owner@brightdesk.example"
# a failing sendmail is reported with its status
sed -i "s|^Sendmail.*|Sendmail $tmp/badsendmail|" "$tmp/clientele.conf"
cl digest --send 2>"$tmp/send.err"
rc=$?
[ $rc -eq 1 ] || fail "failing sendmail: exit $rc, want 1"
has "$tmp/send.err" "exited with status 75"
# a quiet window: short digest, or nothing with --skip-empty
sleep 3
cl digest --since 1s --skip-empty > "$tmp/quiet.eml" || fail "skip-empty failed"
[ -s "$tmp/quiet.eml" ] && fail "--skip-empty printed a digest on a quiet window"
cl digest --since 1s > "$tmp/quiet.eml"
has "$tmp/quiet.eml" "Subject: clientele: nothing new"
cl digest --to 'x@example.com
Bcc: y@example.com' > /dev/null 2>&1 && fail "a recipient with a line break was accepted"

# Consecutive digests cover exactly what happened since the last one
# sent: the --send above marked what it covered, so the next has nothing.
sed -i "s|^Sendmail.*|Sendmail $tmp/sendmail|" "$tmp/clientele.conf"
cl digest > "$tmp/next1.eml" || fail "digest after a sent one failed"
has "$tmp/next1.eml" "^Subject: clientele: nothing new"
# Mail dated three days back, recorded now: in the next digest all the same.
late=$(date -u -d '3 days ago' '+%a, %d %b %Y %H:%M:%S +0000')
cat > "$tmp/late.eml" <<MAIL
From: Lena Late <lena@latecomer.example>
To: sam@brightdesk.example
Subject: Posters for the spring fair
Message-ID: <late-1@latecomer.example>
Date: $late

Hello Sam, could you quote for twenty posters? Thanks, Lena
MAIL
cl ingest "$tmp/late.eml" 2>/dev/null || fail "ingest of late mail failed"
# a Sendmail that refuses leaves the mark where it was
sed -i "s|^Sendmail.*|Sendmail $tmp/badsendmail|" "$tmp/clientele.conf"
cl digest --send 2>/dev/null && fail "a refused digest counted as sent"
sed -i "s|^Sendmail.*|Sendmail $tmp/sendmail|" "$tmp/clientele.conf"
rm -f "$tmp/sent.eml"
cl digest --send || fail "second digest --send failed"
has "$tmp/sent.eml" "^Subject: clientele: 1 enquiry, 0 referrals, 0 problems"
# the text part names her (quoted-printable keeps short lines whole)
has "$tmp/sent.eml" "Lena Late <lena@latecomer.example>"
hasnt "$tmp/sent.eml" "Priya Natarajan <priya@lumenbakery.example> - Logo"
cl digest > "$tmp/next3.eml"
has "$tmp/next3.eml" "^Subject: clientele: nothing new"
# --since is a time window whatever was sent
cl digest --since 2d > "$tmp/since.eml"
has "$tmp/since.eml" "^Subject: clientele: [1-9][0-9]* enquir"

# The headline figures in JSON: value, previous, change, direction each.
cl summary --format json > "$tmp/figures.json"
for k in new_enquiries waiting_enquiries new_customers referrals problem_flags; do
	grep -q "\"$k\":{\"value\":[0-9]*,\"previous\":[0-9]*,\"change\":-*[0-9]*,\"direction\":\"\(up\|down\|same\)\"}" \
		"$tmp/figures.json" || fail "summary json lacks the figure $k"
done
has "$tmp/figures.json" '"totals":{"enquiries":'
cl revenue add priya@lumenbakery.example 120.50 >/dev/null 2>&1 || fail "revenue add failed"
cl summary --format json > "$tmp/figures2.json"
has "$tmp/figures2.json" '"revenue":{"value":"120.50","previous":"0.00","change":"120.50","direction":"up"}'
cl summary > "$tmp/summary2.txt"
has "$tmp/summary2.txt" "Revenue  *120.50  (up 120.50 from 0.00)"

# export / import round trip
cl export > "$tmp/export.json" || fail "export failed"
"$bin" -c "$tmp/clientele.conf" --db "$tmp/db2" import "$tmp/export.json" 2>"$tmp/import.err" ||
	fail "import failed: $(cat "$tmp/import.err")"
"$bin" -c "$tmp/clientele.conf" --db "$tmp/db2" export > "$tmp/export2.json"
cmp -s "$tmp/export.json" "$tmp/export2.json" || fail "export after import differs"
"$bin" -c "$tmp/clientele.conf" --db "$tmp/db2" import "$tmp/export.json" 2>/dev/null &&
	fail "import into a non-empty store was accepted"
printf '{"clientele_export":1,"customers":[{"email":"a@example.org"}]}' > "$tmp/broken.json"
"$bin" -c "$tmp/clientele.conf" --db "$tmp/db3" import "$tmp/broken.json" 2>"$tmp/broken.err" &&
	fail "a broken export was imported"
has "$tmp/broken.err" "customers\[0\]"
cl export --format csv > "$tmp/export.csv" || fail "csv export failed"
head -1 "$tmp/export.csv" | grep -q '^email,name,category,' || fail "csv header"
[ "$(wc -l < "$tmp/export.csv")" -eq "$(( $(grep -c '^{"email"' "$tmp/export.json") + 1 ))" ] ||
	fail "csv rows do not match the customers exported"

# "Still waiting" follows the owner's answers, by the rule `enquiries`
# uses: Sam answers Derek, whose enquiry came today, and the figure drops
# by one while Derek leaves the command's list.
waiting() {
	cl summary --format json |
		sed -n 's/.*"waiting_enquiries":{"value":\([0-9]*\).*/\1/p'
}
cl enquiries | grep -q "derek@grumbleco.example" || fail "Derek's enquiry does not wait"
w1=$(waiting)
[ -n "$w1" ] && [ "$w1" -ge 1 ] || fail "no enquiry waits before the answer ($w1)"
cat > "$tmp/answer.eml" <<MAIL
From: Sam Carter <sam@brightdesk.example>
To: Derek Pike <derek@grumbleco.example>
Subject: Re: WHERE ARE MY FLYERS
Date: $now
Message-ID: <answer-1@brightdesk.example>

Sorry, Derek: they leave the printer today.
MAIL
cl ingest "$tmp/answer.eml" 2>/dev/null || fail "ingest of the answer failed"
w2=$(waiting)
[ "$w2" -eq $((w1 - 1)) ] || fail "waiting went from $w1 to $w2 after an answer"
cl enquiries | grep -q "derek@grumbleco.example" && fail "Derek still waits after the answer"

t_end
