#!/bin/sh
# t_hostile - hostile text at every door, and what reaches the terminal.
#
# 1. Addresses: one validator for every door.  An address with a bidi
#    override, a C1 control or bytes that are not UTF-8 is refused by the
#    command line (exit 2), revenue add --create-unknown (exit 2), revenue
#    import (a bad row named FILE:LINE), import and mail (the message has no
#    sender: reported, nothing stored).
# 2. Text output: a customer whose name holds U+202E (right-to-left
#    override), U+009B (CSI) and ESC, and whose mail's subject holds an
#    OSC sequence, is shown with those escaped (\u202e, \u009b, \x1b) by
#    customers, problems, show, summary, the digest's text part, JSON and
#    `clientele-milter -t` (the digest's HTML part isolates it in <bdi>); so are revenue import errors and the name of a
#    Maildir file ingest cannot use.  No raw ESC, BEL, C1 or bidi control
#    byte reaches stdout or stderr.
# 3. import refuses a tag carrying a line break (it reached the milter's
#    header) and a customer without an address, naming the record; the
#    file untouched imports.
# 4. Small ones: --since past a hundred years is a usage error (it once
#    formatted an uninitialised date); 93,000 revenue rows of the largest
#    amount (SQLite's sum() overflowed and customers, show and ideal
#    failed) give a total held at the 64-bit limit, exit 0, in every
#    report that totals revenue (companies, the digest, the HTML report).
set -u
t_name=t_hostile
. "$(dirname "$0")/lib.sh"
built "$bin" "$milter"
need sqlite3

studio_conf "DigestTo sam@brightdesk.example" \
    "DigestFrom clientele@brightdesk.example"


RLO=$(printf '\342\200\256')	# U+202E
LRI=$(printf '\342\201\246')	# U+2066
CSI=$(printf '\302\233')	# U+009B
ESC=$(printf '\033')
BEL=$(printf '\007')
RAW9B=$(printf '\233')		# a lone byte: not UTF-8

# clean WHAT FILE... - no raw control, C1 or bidi byte in the files
clean() {
	what=$1
	shift
	for f in "$@"; do
		for b in "$RLO" "$LRI" "$CSI" "$ESC" "$BEL" "$RAW9B"; do
			if LC_ALL=C grep -q "$b" "$f"; then
				fail "$what: a raw control or bidi byte in $(basename "$f"):"
				LC_ALL=C od -c "$f" | head -n 8 | sed 's/^/    /'
				return
			fi
		done
	done
	ok
}

# ---- the hostile customer ----
cat > "$tmp/eve.eml" <<EOF
From: =?utf-8?q?Eve_=E2=80=AEtxt.exe_=C2=9B31m_=1B[2J?= <eve@example.org>
To: Sam <sam@brightdesk.example>
Subject: =?utf-8?q?Invoice_=1B]0;pwned=07_=E2=80=AEfdp.exe?=
Date: Wed, 11 Nov 2026 09:00:00 +0000
Message-ID: <eve-1@example.org>

You are rude idiots and your prices are a joke. Can I get a discount?
EOF
# an address with a bidi override: no sender at all
printf 'From: Mallory <mal%s@example.org>\nTo: sam@brightdesk.example\nSubject: hi\nDate: Wed, 11 Nov 2026 09:30:00 +0000\nMessage-ID: <mal-1@example.org>\n\nHello there, a quote please.\n' "$RLO" > "$tmp/mal.eml"
cl ingest "$tmp/eve.eml" "$tmp/mal.eml"
want_rc 0 "ingest: the bidi address is reported and skipped"
want_fgrep "mail door: counted" err "ingested 2 messages: 1 recorded, 0 duplicates, 0 ignored, 1 errors"
want_fgrep "mail door" err "mal.eml: no sender"
clean "ingest errors" "$tmp/err"
[ "$(sqlite3 "$db" "SELECT count(*) FROM addresses WHERE email LIKE 'mal%'")" = 0 ] && ok ||
	fail "the address with a bidi override was stored"

for args in "customers" "problems" "show eve@example.org" "summary --since 5000d" "digest --since 5000d" \
    "customers --format json" "show eve@example.org --format json" "export"; do
	cl $args
	want_rc 0 "$args"
	clean "$args" "$tmp/out" "$tmp/err"
	cp "$tmp/out" "$tmp/out.$(echo "$args" | tr ' @.-' '____')"
done
want_fgrep "customers escapes U+202E" out.customers 'Eve \u202etxt.exe \u009b3...'
want_fgrep "problems escapes the name" out.problems '\u202e'
want_fgrep "show escapes the name" out.show_eve_example_org 'Eve \u202etxt.exe \u009b31m \x1b[2J'
want_fgrep "JSON escapes U+202E" out.customers___format_json '\u202etxt.exe \u009b31m \u001b[2J'
want_fgrep "the digest's text part escapes U+202E" out.digest___since_5000d 'Eve \u202etxt.exe \u009b31m \x1b[2J'
want_fgrep "the digest's HTML part isolates the name" out.digest___since_5000d '<bdi>Eve '
want_fgrep "summary escapes U+202E" out.summary___since_5000d 'Eve \u202etxt.exe \u009b31m \x1b[2J'

"$milter" -c "$conf" -t "$tmp/eve.eml" > "$tmp/out" 2> "$tmp/err"
rc=$?
want_rc 0 "clientele-milter -t"
clean "clientele-milter -t" "$tmp/out" "$tmp/err"
want_fgrep "-t escapes the subject" out 'subject: Invoice \x1b]0;pwned\x07 \u202efdp.exe'
want_fgrep "-t escapes the name" out '(Eve \u202etxt.exe \u009b31m \x1b[2J)'

# ---- a Maildir file whose name holds escapes ----
mkdir -p "$tmp/md/cur" "$tmp/md/new" "$tmp/md/tmp"
printf 'Subject: no sender here\n\nbody\n' > "$tmp/md/new/1.M1P1.host${ESC}[31mred${RLO}"
cl ingest "$tmp/md"
want_rc 0 "ingest of a Maildir file with no sender"
clean "Maildir file name" "$tmp/err"
want_fgrep "Maildir file name escaped" err '1.M1P1.host\x1b[31mred\u202e: no sender'

# ---- the other doors refuse such addresses ----
for a in "ev${RLO}il@example.org" "dana${CSI}@example.com" "dana${RAW9B}@example.com" "x${ESC}@example.com"; do
	cl revenue add "$a" 5.00 --create-unknown
	want_rc 2 "revenue add --create-unknown of a hostile address"
	clean "revenue add error" "$tmp/err"
	cl tag "$a" vip
	want_rc 2 "tag of a hostile address"
	clean "tag error" "$tmp/err"
done
printf 'email,amount\nev%sil@example.org,1.00\ndana%s@example.com,2.00\ndana%s@example.com,3.00\nx%s[2J@example.com,4.00\neve@example.org,5.00\n' \
    "$RLO" "$CSI" "$RAW9B" "$ESC" > "$tmp/rev.csv"
cl revenue import "$tmp/rev.csv" --create-unknown
want_rc 1 "revenue import with bad rows"
clean "revenue import" "$tmp/out" "$tmp/err"
want_fgrep "revenue import: bad row 2 named" err "rev.csv:2: 'ev\\u202eil@example.org' is not an email address"
want_fgrep "revenue import: bad row 4 named" err "rev.csv:4: 'dana\\x9b@example.com' is not an email address"
want_fgrep "revenue import: bad row 5 named" err "rev.csv:5: 'x\\x1b[2j@example.com' is not an email address"
want_fgrep "revenue import counts" out "1 recorded, 0 already recorded, 0 unknown addresses skipped, 4 bad rows"
[ "$(sqlite3 "$db" "SELECT count(*) FROM customers")" = 1 ] && ok ||
	fail "a hostile address became a customer: $(sqlite3 "$db" "SELECT email FROM customers")"

# ---- import: a tag with a line break, an empty address list ----
sed 's/"tag":"enquiry"/"tag":"enquiry\\r\\nBcc: evil@example.com"/' \
    tests/fixtures/import/brightdesk.json > "$tmp/evil-tag.json"
sed 's/"addresses":\["derek@grumbleco.example"\]/"addresses":[]/' \
    tests/fixtures/import/brightdesk.json > "$tmp/no-address.json"
"$bin" -c "$conf" --db "$tmp/imp.db" import "$tmp/evil-tag.json" > "$tmp/out" 2> "$tmp/err"
rc=$?
want_rc 1 "import of a tag with a line break"
clean "import error" "$tmp/err"
want_fgrep "import names the line and record" err "line 2: customers[0].tags[0].tag: not a tag"
"$bin" -c "$conf" --db "$tmp/imp.db" import "$tmp/no-address.json" > "$tmp/out" 2> "$tmp/err"
rc=$?
want_rc 1 "import of a customer without an address"
want_fgrep "import names the record" err "customers[0].addresses: a customer needs at least one address"
"$bin" -c "$conf" --db "$tmp/imp.db" import tests/fixtures/import/brightdesk.json > "$tmp/out" 2> "$tmp/err"
rc=$?
want_rc 0 "the same file untouched imports"

# ---- --since past any mail ----
for args in "referrers --since 999999999999w" "summary --since 999999999999w" \
    "digest --since 999999999999w" "referrers --since 36601d" \
    "referrers --since 99999999999999999999999"; do
	cl $args
	want_rc 2 "$args"
	want_fgrep "$args: says the limit" err "at most 100 years"
done
cl referrers --since 36600d
want_rc 0 "referrers --since 100 years"

# ---- revenue totals past 64 bits ----
sqlite3 "$db" "UPDATE customers SET category = 'good', category_manual = 1;
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 93000)
    INSERT INTO revenue (customer_id, amount_minor, at, reference)
    SELECT 1, 99999999999999, CAST(strftime('%s', 'now') AS INTEGER) - 86400,
    'r' || i FROM n;"
for args in "customers" "show eve@example.org" "ideal" "customers --format json" \
    "export" "companies" "summary --since 5000d" "digest --since 5000d" \
    "report --html $tmp/site"; do
	cl $args
	want_rc 0 "$args with a total past 64 bits"
done
cl customers --format json
want_fgrep "the total held at the limit" out '"revenue":"92233720368547758.07"'

t_end
