#!/bin/sh
# t_ideal - ideal customers end to end: revenue, the value set, ranking.
#
# Sam Ortiz <sam@brightdesk.example> has three customers, each from one
# tests/fixtures/ideal-*.eml: Ana and Ben (set good by hand) and Carl, who
# wrote something rude (set bad by hand, and he pays the most).
# tests/fixtures/ideal-revenue.csv is an export from Sam's accounts with a
# UTF-8 BOM, CRLF line ends, quoted fields (one with a comma and doubled
# quotes), a row with a thousands separator (refused: line 5), an unknown
# address (line 7), a refund and a payment from 2020 (outside the last 12
# months).  Rows without a date count as today.
#
# Asserts: the import's stderr and count line, that a second import
# changes nothing, revenue add, assess (and its usage errors), the
# published form and a ticked reply fed through `ingest -` becoming Ben's
# own verdicts in `show`, and `ideal` listing only good customers, best
# first, in JSON and CSV.
t_name=t_ideal
. "$(dirname "$0")/lib.sh"
fx=tests/fixtures
built "$bin"
cat > "$tmp/clientele.conf" <<EOF
OwnDomains      brightdesk.example
OwnAddresses    sam@brightdesk.example
RulesFile       $top/conf/rules.conf
ValueSet        $top/conf/valueset.conf
EOF
cat > "$tmp/novalues.conf" <<EOF
OwnAddresses    sam@brightdesk.example
ValueSet        $tmp/missing-valueset.conf
EOF

# --- customers -----------------------------------------------------------
cl ingest $fx/ideal-ana.eml $fx/ideal-ben.eml $fx/ideal-carl.eml
want_rc 0 "ingest"
cl categorize ana@orchard.example good
want_rc 0 "ana good"
cl categorize ben@okafor.example good
want_rc 0 "ben good"
cl categorize carl@vance.example bad
want_rc 0 "carl bad"

# --- revenue import, twice ----------------------------------------------
csv=$fx/ideal-revenue.csv
cl revenue import $csv
want_rc 1 "import with skipped rows fails (the good rows are kept)"
want_out "import count" <<EOF
$csv: 7 recorded, 0 already recorded, 1 unknown address skipped, 1 bad row
EOF
want_err "import complaints" <<EOF
$csv:5: amount '5,000.00': thousands separators and decimal commas are not accepted; write 1234.56
$csv:7: no customer stranger@nowhere.example; skipped (use --create-unknown to add them)
EOF
cl ideal --format json
cp "$tmp/out" "$tmp/ideal-once.json"
cl customers --format json
cp "$tmp/out" "$tmp/customers-once.json"

cl revenue import $csv
want_rc 1 "import again (still skipping two rows)"
want_out "import again count" <<EOF
$csv: 0 recorded, 7 already recorded, 1 unknown address skipped, 1 bad row
EOF
cl ideal --format json
checks=$((checks + 1))
cmp -s "$tmp/ideal-once.json" "$tmp/out" || fail "second import changed ideal"
cl customers --format json
checks=$((checks + 1))
cmp -s "$tmp/customers-once.json" "$tmp/out" || fail "second import changed customers"
# 1200 + 300 + 100 today; the 2020 payment is outside the window
want_fgrep "ana revenue" out '"email":"ana@orchard.example"'
want_fgrep "ana revenue" out '"revenue":"1600.00"'
# 800.50 less a 100.50 refund
want_fgrep "ben revenue" out '"revenue":"700.00"'

cl revenue import $tmp/no-such.csv
want_rc 1 "import of a missing file"
want_fgrep "missing file named" err "no-such.csv"

# --- revenue add ---------------------------------------------------------
cl revenue add nobody@nowhere.example 5
want_rc 1 "add for an unknown address"
want_fgrep "unknown named" err "no customer nobody@nowhere.example"
cl revenue add carl@vance.example 1,000
want_rc 2 "add with a thousands separator"
cl revenue add carl@vance.example 25.5 2026-02-30
want_rc 2 "add with an impossible date"
cl revenue add carl@vance.example 25.5 2020-02-29
want_rc 0 "add"
want_out "add" <<EOF
carl@vance.example: 25.50 recorded
EOF
cl revenue add Carl@Vance.example 25.50 2020-02-29
want_rc 0 "add again"
want_out "add again" <<EOF
carl@vance.example: 25.50 already recorded
EOF

# --- assess ---------------------------------------------------------------
cl assess ana@orchard.example integrity=yes respect=yes
want_rc 0 "assess"
want_out "assess" <<EOF
ana@orchard.example: integrity yes
ana@orchard.example: respect yes
EOF
cl assess ana@orchard.example kindness=yes
want_rc 2 "assess an unknown value"
want_fgrep "unknown value named" err "unknown value 'kindness'"
want_fgrep "valid values listed" err "integrity, clear-values, self-improvement, respect"
cl assess ana@orchard.example respect=maybe
want_rc 2 "assess with a bad verdict"
cl assess nobody@nowhere.example respect=no
want_rc 1 "assess an unknown customer"
"$bin" -c "$tmp/novalues.conf" --db "$db" assess ana@orchard.example \
    respect=yes >"$tmp/out" 2>"$tmp/err"
rc=$?
want_rc 1 "assess without a value set"
want_fgrep "missing value set named" err "$tmp/missing-valueset.conf"

# --- the published form and Ben's reply ----------------------------------
cl valueset --publish --to ben@okafor.example
want_rc 0 "publish"
cp "$tmp/out" "$tmp/form.eml"
want_fgrep "form from" out "From: sam@brightdesk.example"
want_fgrep "form to" out "To: ben@okafor.example"
want_fgrep "form subject" out "Subject: Our values: which of these fit you?"
checks=$((checks + 1))
[ "$(grep -c '^\[ \] ' "$tmp/form.eml")" -eq 12 ] || fail "form: want 12 boxes"
"$bin" -c "$tmp/novalues.conf" --db "$db" valueset --publish >"$tmp/out" 2>"$tmp/err"
rc=$?
want_rc 1 "publish without a value set"
want_fgrep "publish names the path" err "$tmp/missing-valueset.conf"

# Ben ticks eight boxes in the quoted form and leaves four empty.
# reply_to ID [FROM]: an answer (Ben's unless FROM), in reply to message
# ID (none: unasked)
form_id=$(sed -n 's/^Message-ID: <\(.*\)>\r*$/\1/p' "$tmp/form.eml")
reply_to() {
	printf 'From: %s\r\n' "${2:-Ben Okafor <ben@okafor.example>}"
	printf 'To: sam@brightdesk.example\r\n'
	printf 'Subject: Re: Our values: which of these fit you?\r\n'
	printf 'Message-ID: <values-reply%s@okafor.example>\r\n' "${1:+-answer}"
	[ -n "$1" ] && printf 'In-Reply-To: <%s>\r\n' "$1"
	printf 'Date: Mon, 9 Nov 2026 08:00:00 +0000\r\n\r\n'
	printf 'Done, see below.\r\n\r\nOn Monday Sam wrote:\r\n'
	grep '^\[ \] ' "$tmp/form.eml" | sed -e 's/^/> /' \
	    -e '/ \(integrity\|clear-values\|respect\|growth\|hard-work\|community\|uplifting\|compassion\):/s/\[ \]/[x]/'
}
# An answer nobody asked for, from someone who is not a customer, counts
# for nothing (issue 18: anyone can write "Re: Our values" with ticked
# boxes).
reply_to "" "Mallory <mallory@throwaway.example>" > "$tmp/unasked.eml"
cl ingest - < "$tmp/unasked.eml"
want_rc 0 "ingest an unasked reply"
cl show mallory@throwaway.example
want_grep "the stranger is a prospect" out "status:      prospect"
want_nogrep "unasked reply ignored" out "(self: yes)"
# The owner sends the form (it passes the milter, or ingest --sent); the
# reply to it counts.
cl ingest --sent "$tmp/form.eml"
want_rc 0 "ingest the sent form"
reply_to "$form_id" > "$tmp/reply.eml"
cl ingest - < "$tmp/reply.eml"
want_rc 0 "ingest the reply"
cl show ben@okafor.example
want_rc 0 "show ben"
want_fgrep "ben revenue shown" out "revenue:     700.00 (last 12 months)"
want_fgrep "ben alignment" out "values:      8/12 fit"
want_fgrep "ben self yes" out "integrity: ✓ (self: yes)"
want_fgrep "ben self no" out "originality: ✗ (self: no)"
cl show ben@okafor.example --format json
want_rc 0 "show ben json"
want_fgrep "ben json: per-value lines" out '"values":{"fit":8,"misfit":4,"of":12,"checks":[{"key":"integrity","verdict":"yes","owner":null,"self":"yes","evidence":null}'
want_fgrep "ben json: a misfit" out '{"key":"originality","verdict":"no","owner":null,"self":"no","evidence":null}'
cl show carl@vance.example
want_fgrep "carl respect" out "respect: ✗ (complaint in 1 message, rude in 1 message)"
cl show carl@vance.example --format json
want_fgrep "carl json evidence" out '{"key":"respect","verdict":"no","owner":null,"self":null,"evidence":"complaint in 1 message, rude in 1 message"}'

cl show ana@orchard.example
want_fgrep "ana owner" out "respect: ✓ (owner: yes)"
want_fgrep "ana unknown" out "growth: ?"

# --- ideal -----------------------------------------------------------------
cl ideal --format json
want_rc 0 "ideal json"
want_out "ideal json" <<'EOF'
[
{"email":"ana@orchard.example","name":"Ana Lopez","revenue":"1600.00","referrals":0,"alignment":"2/12","score":53,"reasons":["paid 1600.00 in the last 12 months, the most of any good customer","fits 2 of 12 values"]},
{"email":"ben@okafor.example","name":"Ben Okafor","revenue":"700.00","referrals":0,"alignment":"8/12","score":27,"reasons":["paid 700.00 in the last 12 months","fits 8 of 12 values","does not fit: self-improvement, originality, curation, self-worth"]}
]
EOF
want_nofgrep "no bad customer" out "carl@vance.example"
cl ideal --limit 1 --format csv
want_rc 0 "ideal csv"
# RFC 4180: CRLF line ends
printf '%s\r\n' 'email,name,revenue,referrals,alignment,score,reasons' \
    'ana@orchard.example,Ana Lopez,1600.00,0,2/12,53,"paid 1600.00 in the last 12 months, the most of any good customer; fits 2 of 12 values"' \
    > "$tmp/want.csv"
want_out "ideal csv" < "$tmp/want.csv"
cl ideal
want_rc 0 "ideal text"
want_fgrep "ideal text" out "ana@orchard.example"
want_nofgrep "ideal text no carl" out "carl@vance.example"
cl ideal --format xml
want_rc 2 "ideal bad format"

t_end
