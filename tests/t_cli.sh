#!/bin/sh
# t_cli - the clientele command end to end, on a small design studio's mail.
#
# The owner is Sam Ortiz <sam@brightdesk.example>.  tests/fixtures/mbox/
# brightdesk.mbox holds a week of mail: an enquiry, Sam's reply, an
# introduction with a Cc, an auto-reply, a mention with an address, a
# mention by a known name, a mention of a name not known yet, a rude
# customer, a newsletter, a haggler, praise (with a >From line and rude
# words only in the quoted part), a second address of one customer and a
# message with no sender.  tests/fixtures/maildir/ holds the pending
# referrer writing at last, a copy of one message and another without a
# sender.  A referral code and a hostile display name arrive on stdin.
#
# Asserts exact output of the reports in every format, exit codes 0/1/2,
# idempotent re-ingest, merge, forget, tag/untag, categorize and code.
t_name=t_cli
. "$(dirname "$0")/lib.sh"
built "$bin"
studio_conf "ReferralTag ref-"

# want_counts WHAT LINE - the final ingest line, without its timing, is LINE
want_counts() {
	checks=$((checks + 1))
	got=$(sed -n 's/^\(ingested .*errors\) ([0-9.]*s, [0-9]* msgs\/s)$/\1/p' "$tmp/err")
	[ "$got" = "$2" ] || fail "$1: count line '$got', want '$2'"
}

# ---- usage, help, version ----

cl --version
want_rc 0 "--version"
echo "clientele 0.1.0" > "$tmp/exp"
want_out "--version" < "$tmp/exp"

cl frobnicate
want_rc 2 "unknown command"
echo "clientele: unknown command 'frobnicate'; try 'clientele --help'" > "$tmp/exp"
want_err "unknown command" < "$tmp/exp"

"$bin" >"$tmp/out" 2>"$tmp/err"; rc=$?
want_rc 2 "no command"

cl --help
want_rc 0 "--help"
want_grep "--help" out '^usage: clientele \[--config FILE\] \[--db FILE\] COMMAND \[ARGS\]$'
want_grep "--help lists referrers" out '^  referrers +\[--limit N\] \[--since DURATION\]'

cl help show
want_rc 0 "help show"
want_grep "help show" out '^usage: clientele \[--config FILE\] \[--db FILE\] show ADDRESS'
cl show --help
want_rc 0 "show --help"
want_grep "show --help" out '^usage: .* show ADDRESS \[--all\] \[--format text\|json\|csv\]$'

# ---- before any ingest ----

cl referrers
want_rc 1 "report without a database"
echo "clientele: no database at $db; run 'clientele ingest' first" > "$tmp/exp"
want_err "report without a database" < "$tmp/exp"

printf 'OwnDomains brightdesk.example\nBogus yes\n' > "$tmp/bad.conf"
"$bin" -c "$tmp/bad.conf" --db "$db" customers >"$tmp/out" 2>"$tmp/err"; rc=$?
want_rc 1 "bad config"
want_grep "bad config names file and line" err "bad\.conf:2: "

# ---- ingest ----

cl ingest "$mbox"
want_rc 0 "ingest mbox"
want_grep "no sender reported with mbox index" err \
	"^clientele: $mbox:#13: no sender$"
want_counts "ingest mbox counts" "ingested 13 messages: 10 recorded, 0 duplicates, 2 ignored, 1 errors"
[ "$(wc -l < "$tmp/err")" -eq 2 ] || fail "ingest mbox: stderr should be 2 lines"

cl ingest "$maildir"
want_rc 0 "ingest maildir"
want_grep "no sender reported with file name" err \
	"^clientele: $maildir/new/1794670000.M3P100.desk: no sender$"
want_counts "ingest maildir counts" "ingested 3 messages: 1 recorded, 1 duplicates, 0 ignored, 1 errors"

cl ingest "$tmp/nope.mbox" "$maildir"
want_rc 1 "ingest a missing path"
want_grep "missing path named" err "^clientele: $tmp/nope.mbox: No such file or directory$"
want_counts "missing path: the other path goes on" "ingested 3 messages: 0 recorded, 2 duplicates, 0 ignored, 1 errors"

# ---- reports ----

cl customers
want_rc 0 "customers"
want_out "customers text" <<'EOF'
EMAIL                          NAME             CATEGORY  REFS  MSGS  LAST SEEN   TAGS
derek@grumbleco.example        Derek Pike       bad          0     1  2026-11-06  complaint,enquiry,rude
grace@liu-dental.example       Grace Liu        ok           0     1  2026-11-05  enquiry,referred
hana@kowalski-florist.example  Hana Kowalski    ok           0     1  2026-11-05  enquiry,referred
marco@rossi-cafe.example       Marco Rossi      good         1     1  2026-11-10  enquiry,referrer
nina@vosyoga.example           Nina Vos         ok           0     1  2026-11-06  haggler
olu@adeyemi-law.example        Olu Adeyemi      ok           0     1  2026-11-04  enquiry,referred
priya.n@homemail.example       Priya Natarajan  ok           0     1  2026-11-10  enquiry
priya@lumenbakery.example      Priya Natarajan  good         2     3  2026-11-09  enquiry,praise,referrer
tom@beckerbikes.example        Tom Becker       good         1     0  2026-11-03  referred,referrer
EOF
cp "$tmp/out" "$tmp/customers.before"

cl referrers
want_rc 0 "referrers"
want_out "referrers text" <<'EOF'
EMAIL                      NAME             CATEGORY  REFS  MSGS  LAST SEEN   TAGS
priya@lumenbakery.example  Priya Natarajan  good         2     3  2026-11-09  enquiry,praise,referrer
marco@rossi-cafe.example   Marco Rossi      good         1     1  2026-11-10  enquiry,referrer
tom@beckerbikes.example    Tom Becker       good         1     0  2026-11-03  referred,referrer
EOF

cl referrers --format csv
want_rc 0 "referrers csv"
printf '%s\r\n' \
	'email,name,category,referrals,referred_by,tags,messages,first_seen,last_seen,reasons' \
	'priya@lumenbakery.example,Priya Natarajan,good,2,,enquiry;praise;referrer,3,2026-11-02T09:00:00Z,2026-11-09T10:00:00Z,made 2 referrals; praised the work in 1 message' \
	'marco@rossi-cafe.example,Marco Rossi,good,1,,enquiry;referrer,1,2026-11-10T09:20:00Z,2026-11-10T09:20:00Z,made 1 referral' \
	'tom@beckerbikes.example,Tom Becker,good,1,priya@lumenbakery.example,referred;referrer,0,2026-11-03T10:00:00Z,2026-11-03T10:00:00Z,made 1 referral' > "$tmp/exp"
want_out "referrers csv" < "$tmp/exp"

cl referrers --limit 1 --format json
want_rc 0 "referrers --limit 1"
want_out "referrers --limit 1 json" <<'EOF'
[
{"email":"priya@lumenbakery.example","name":"Priya Natarajan","category":"good","referrals":2,"referred_by":null,"tags":["enquiry","praise","referrer"],"messages":3,"first_seen":"2026-11-02T09:00:00Z","last_seen":"2026-11-09T10:00:00Z","reasons":["made 2 referrals","praised the work in 1 message"],"status":"customer","referrals_pending":0}
]
EOF

cl referrers --since 3650d --limit 2
want_rc 0 "referrers --since"
[ "$(wc -l < "$tmp/out")" -eq 3 ] || fail "referrers --since --limit 2: want header + 2 rows"

cl problems
want_rc 0 "problems"
want_out "problems text" <<'EOF'
EMAIL                    NAME        CATEGORY  REFS  MSGS  LAST SEEN   TAGS                    REASONS
derek@grumbleco.example  Derek Pike  bad          0     1  2026-11-06  complaint,enquiry,rude  rude in 1 message; complained in 1 message
nina@vosyoga.example     Nina Vos    ok           0     1  2026-11-06  haggler                 questioned the price in 1 message
EOF

cl problems --format json
want_rc 0 "problems json"
want_out "problems json" <<'EOF'
[
{"email":"derek@grumbleco.example","name":"Derek Pike","category":"bad","referrals":0,"referred_by":null,"tags":["complaint","enquiry","rude"],"messages":1,"first_seen":"2026-11-06T08:45:00Z","last_seen":"2026-11-06T08:45:00Z","reasons":["rude in 1 message","complained in 1 message"],"status":"customer","referrals_pending":0},
{"email":"nina@vosyoga.example","name":"Nina Vos","category":"ok","referrals":0,"referred_by":null,"tags":["haggler"],"messages":1,"first_seen":"2026-11-06T12:00:00Z","last_seen":"2026-11-06T12:00:00Z","reasons":["questioned the price in 1 message"],"status":"customer","referrals_pending":0}
]
EOF

cl customers --category good --format csv
want_rc 0 "customers --category good"
printf '%s\r\n' \
	'email,name,category,referrals,referred_by,tags,messages,first_seen,last_seen,reasons' \
	'marco@rossi-cafe.example,Marco Rossi,good,1,,enquiry;referrer,1,2026-11-10T09:20:00Z,2026-11-10T09:20:00Z,made 1 referral' \
	'priya@lumenbakery.example,Priya Natarajan,good,2,,enquiry;praise;referrer,3,2026-11-02T09:00:00Z,2026-11-09T10:00:00Z,made 2 referrals; praised the work in 1 message' \
	'tom@beckerbikes.example,Tom Becker,good,1,priya@lumenbakery.example,referred;referrer,0,2026-11-03T10:00:00Z,2026-11-03T10:00:00Z,made 1 referral' > "$tmp/exp"
want_out "customers --category good csv" < "$tmp/exp"

cl customers --tag referred --format json
want_rc 0 "customers --tag referred"
want_out "customers --tag referred json" <<'EOF'
[
{"email":"grace@liu-dental.example","name":"Grace Liu","category":"ok","referrals":0,"referred_by":"tom@beckerbikes.example","tags":["enquiry","referred"],"messages":1,"first_seen":"2026-11-05T09:30:00Z","last_seen":"2026-11-05T09:30:00Z","reasons":["no strong signals yet"],"status":"customer","referrals_pending":0},
{"email":"hana@kowalski-florist.example","name":"Hana Kowalski","category":"ok","referrals":0,"referred_by":"marco@rossi-cafe.example","tags":["enquiry","referred"],"messages":1,"first_seen":"2026-11-05T16:00:00Z","last_seen":"2026-11-05T16:00:00Z","reasons":["no strong signals yet"],"status":"customer","referrals_pending":0},
{"email":"olu@adeyemi-law.example","name":"Olu Adeyemi","category":"ok","referrals":0,"referred_by":"priya@lumenbakery.example","tags":["enquiry","referred"],"messages":1,"first_seen":"2026-11-04T14:20:00Z","last_seen":"2026-11-04T14:20:00Z","reasons":["no strong signals yet"],"status":"customer","referrals_pending":0},
{"email":"tom@beckerbikes.example","name":"Tom Becker","category":"good","referrals":1,"referred_by":"priya@lumenbakery.example","tags":["referred","referrer"],"messages":0,"first_seen":"2026-11-03T10:00:00Z","last_seen":"2026-11-03T10:00:00Z","reasons":["made 1 referral"],"status":"customer","referrals_pending":0}
]
EOF

cl show PRIYA@LumenBakery.example --format json
want_rc 0 "show json"
want_out "show priya json" <<'EOF'
{"email":"priya@lumenbakery.example","name":"Priya Natarajan","category":"good","referrals":2,"referred_by":null,"tags":["enquiry","praise","referrer"],"messages":3,"first_seen":"2026-11-02T09:00:00Z","last_seen":"2026-11-09T10:00:00Z","reasons":["made 2 referrals","praised the work in 1 message"],"status":"customer","referrals_pending":0,"addresses":["priya@lumenbakery.example"],"evidence":[{"kind":"tag","label":"enquiry","text":"We run a small bakery on Mill Street and would like a quote for a new logo and three menu boards.","how":"rule","when":"2026-11-02T09:00:00Z"},{"kind":"referral","label":"tom@beckerbikes.example","text":"Sam, let me introduce Tom Becker, who runs the bike shop two doors down from us.","how":"introduction","when":"2026-11-03T10:00:00Z"},{"kind":"referral","label":"olu@adeyemi-law.example","text":"Priya Natarajan (priya@lumenbakery.example) sent me your way.","how":"address","when":"2026-11-04T14:20:00Z"},{"kind":"tag","label":"praise","text":"Thank you so much, the menu boards look wonderful and customers keep asking who made them.","how":"rule","when":"2026-11-09T10:00:00Z"}],"referred":["olu@adeyemi-law.example","tom@beckerbikes.example"],"announced":[],"code":null,"company":"lumenbakery.example","referral_manual":false,"notes":[],"history_total":4,"history":[{"date":"2026-11-09T10:00:00Z","arrived":"2026-11-09T10:00:00Z","direction":"in","subject":"Re: Menu boards","facts":"praise"},{"date":"2026-11-03T10:00:00Z","arrived":"2026-11-03T10:00:00Z","direction":"in","subject":"Introduction: Tom from Becker Bikes","facts":"referral:priya@lumenbakery.example>tom@beckerbikes.example"},{"date":"2026-11-02T11:15:00Z","arrived":"2026-11-02T11:15:00Z","direction":"out","subject":"Re: Logo and menu boards for our bakery","facts":null},{"date":"2026-11-02T09:00:00Z","arrived":"2026-11-02T09:00:00Z","direction":"in","subject":"Logo and menu boards for our bakery","facts":"enquiry"}],"values":null}
EOF

cl show hana@kowalski-florist.example
want_rc 0 "show text"
want_out "show hana text (pending referral linked)" <<'EOF'
Hana Kowalski <hana@kowalski-florist.example>
  category:    ok (automatic)
  reasons:     no strong signals yet
  status:      customer
  referrals:   0
  referred:    -
  referred by: marco@rossi-cafe.example
  tags:        enquiry, referred
  messages:    1
  first seen:  2026-11-05T16:00:00Z
  last seen:   2026-11-05T16:00:00Z
  addresses:   hana@kowalski-florist.example
  company:     kowalski-florist.example
  code:        -
  evidence:
    2026-11-05  tag enquiry (rule): "Do you do shop window lettering?"
    2026-11-10  referred marco@rossi-cafe.example (pending): "Marco Rossi recommended you."
  notes:       -
  history:     1 message
    2026-11-05  in  Window lettering  [enquiry]
EOF

cl show grace@liu-dental.example --format json
want_grep "mention by a known name" out '"referred_by":"tom@beckerbikes.example"'

# ---- idempotent re-ingest (file and stdin) ----

cl ingest "$mbox" "$maildir"
# messages with no sender are reported again on every run
want_rc 0 "re-ingest"
want_counts "re-ingest counts" "ingested 16 messages: 0 recorded, 14 duplicates, 0 ignored, 2 errors"
"$bin" -c "$tmp/clientele.conf" --db "$db" ingest - < "$mbox" >"$tmp/out" 2>"$tmp/err"; rc=$?
want_rc 0 "re-ingest from stdin"
want_counts "re-ingest stdin counts" "ingested 13 messages: 0 recorded, 12 duplicates, 0 ignored, 1 errors"
cl customers
cmp -s "$tmp/out" "$tmp/customers.before" || fail "re-ingest changed the customers"

# ---- referral code, and a hostile display name, on stdin ----

cl code olu@adeyemi-law.example
want_rc 0 "code"
want_grep "code is a subaddress" out '^sam\+ref-[a-z0-9]+@brightdesk\.example$'
ref=$(cat "$tmp/out")
cl code OLU@adeyemi-law.example
[ "$(cat "$tmp/out")" = "$ref" ] || fail "code changed on the second call"

cat > "$tmp/code.eml" <<EOF
From: Ivan Petrov <ivan@petrov-builds.example>
To: $ref
Subject: Vans need lettering
Date: Wed, 11 Nov 2026 08:00:00 +0000
Message-ID: <vans-1111@petrov-builds.example>

Hello, we have four vans that need our name on the side.

Ivan
EOF
"$bin" -c "$tmp/clientele.conf" --db "$db" ingest - < "$tmp/code.eml" >"$tmp/out" 2>"$tmp/err"; rc=$?
want_rc 0 "ingest code mail from stdin"
want_counts "code mail counts" "ingested 1 messages: 1 recorded, 0 duplicates, 0 ignored, 0 errors"
cl show ivan@petrov-builds.example --format json
want_grep "code credits olu" out '"referred_by":"olu@adeyemi-law.example"'
cl show olu@adeyemi-law.example --format json
code=${ref#sam+ref-}
want_grep "olu has the code" out "\"code\":\"${code%@brightdesk.example}\""
want_grep "olu referred ivan" out '"referrals":1,'

printf 'From: =?utf-8?q?Evil=1B=5B2J_Corp?= <evil@example.org>\nTo: sam@brightdesk.example\nSubject: hello\nDate: Wed, 11 Nov 2026 09:00:00 +0000\nMessage-ID: <evil-1@example.org>\n\nDo you offer gift vouchers?\n' |
	"$bin" -c "$tmp/clientele.conf" --db "$db" ingest - >"$tmp/out" 2>"$tmp/err"; rc=$?
want_rc 0 "ingest hostile name"
cl customers
checks=$((checks + 1))
if grep -q "$(printf '\033')" "$tmp/out"; then fail "raw escape byte reached the terminal"; fi
want_grep "hostile name shown escaped" out '^evil@example\.org +Evil\\x1b\[2J Corp +ok '

# ---- owner's edits ----

cl tag nina@vosyoga.example VIP
want_rc 0 "tag"
echo "nina@vosyoga.example: tag vip added" > "$tmp/exp"
want_out "tag" < "$tmp/exp"
cl customers --tag vip --format csv
printf '%s\r\n' \
	'email,name,category,referrals,referred_by,tags,messages,first_seen,last_seen,reasons' \
	'nina@vosyoga.example,Nina Vos,ok,0,,haggler;vip,1,2026-11-06T12:00:00Z,2026-11-06T12:00:00Z,questioned the price in 1 message' > "$tmp/exp"
want_out "customers --tag vip" < "$tmp/exp"
cl untag nina@vosyoga.example vip
want_rc 0 "untag"
echo "nina@vosyoga.example: tag vip removed" > "$tmp/exp"
want_out "untag" < "$tmp/exp"
cl customers --tag vip
echo "no customers" > "$tmp/exp"
want_out "no one tagged vip" < "$tmp/exp"

cl categorize nina@vosyoga.example good
want_rc 0 "categorize good"
cl show nina@vosyoga.example
want_grep "category by hand" out '^  category:    good \(set by hand\)$'
cl categorize nina@vosyoga.example auto
want_rc 0 "categorize auto"
cl show nina@vosyoga.example
want_grep "category automatic again" out '^  category:    ok \(automatic\)$'

cl merge priya@lumenbakery.example nobody@nowhere.example
want_rc 1 "merge with an unknown OTHER"
echo "clientele: no customer nobody@nowhere.example" > "$tmp/exp"
want_err "merge names the unknown address" < "$tmp/exp"
cl merge nobody@nowhere.example priya@lumenbakery.example
want_rc 1 "merge with an unknown KEEP"
echo "clientele: no customer nobody@nowhere.example" > "$tmp/exp"
want_err "merge names the unknown KEEP" < "$tmp/exp"
cl merge priya@lumenbakery.example priya.n@homemail.example
want_rc 0 "merge"
echo "merged priya.n@homemail.example into priya@lumenbakery.example" > "$tmp/exp"
want_out "merge" < "$tmp/exp"
cl show priya@lumenbakery.example --format json
want_grep "merged messages" out '"messages":4,'
want_grep "merged addresses" out '"addresses":\["priya@lumenbakery\.example","priya\.n@homemail\.example"\]'
cl customers
checks=$((checks + 1))
grep -q '^priya\.n@' "$tmp/out" && fail "merged address still listed as a customer"

cl forget derek@grumbleco.example
want_rc 0 "forget"
echo "forgot derek@grumbleco.example" > "$tmp/exp"
want_out "forget" < "$tmp/exp"
cl show derek@grumbleco.example
want_rc 1 "show a forgotten customer"
echo "clientele: no customer derek@grumbleco.example" > "$tmp/exp"
want_err "show a forgotten customer" < "$tmp/exp"
cl problems
want_out "problems after forget" <<'EOF'
EMAIL                 NAME      CATEGORY  REFS  MSGS  LAST SEEN   TAGS     REASONS
nina@vosyoga.example  Nina Vos  ok           0     1  2026-11-06  haggler  questioned the price in 1 message
EOF
cl forget derek@grumbleco.example
want_rc 1 "forget twice"

# ---- usage errors exit 2 ----

for args in "show not-an-address" "customers --format xml" "referrers --limit 0" \
    "referrers --since soon" "customers --category great" "tag nina@vosyoga.example" \
    "categorize nina@vosyoga.example great" "merge a@example.org a@example.org" \
    "customers extra" "ingest" "problems --limit 3" "tag nina@vosyoga.example 'a b'"; do
	eval "cl $args"
	want_rc 2 "usage error: $args"
	want_grep "one-line hint: $args" err "; try 'clientele [a-z]+ --help'$"
done

t_end
