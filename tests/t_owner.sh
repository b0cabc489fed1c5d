#!/bin/sh
# t_owner - the owner in control, end to end through the clientele command:
# referral (set, move, clear; final against later mail), ignore/unignore,
# forget with its tombstone and --allow-return, notes, show's history,
# find, companies, duplicates, customers --company, a name announced
# (shown under its contact), and the export round trip (which carries it).  Uses the studio's week of mail (see t_cli.sh) and a few messages
# written here.  Asserts exact output and exit codes 0/1/2.
t_name=t_owner
. "$(dirname "$0")/lib.sh"
built "$bin"
studio_conf "Sendmail $tmp/sendmail"
printf '#!/bin/sh\ncat >/dev/null\n' > "$tmp/sendmail"
chmod +x "$tmp/sendmail"

# eml FILE FROM SUBJECT ID BODY - a small message from FROM to Sam
eml() {
	printf 'From: %s\nTo: Sam Ortiz <sam@brightdesk.example>\nSubject: %s\nDate: Thu, 12 Nov 2026 10:00:00 +0000\nMessage-ID: <%s>\n\n%s\n' \
	    "$2" "$3" "$4" "$5" > "$tmp/$1"
}

cl ingest "$mbox" "$maildir"
want_rc 0 "ingest"

# ---- referral: set, final, clear ----

cl referral olu@adeyemi-law.example --by tom@beckerbikes.example
want_rc 0 "referral --by"
want_out "referral --by" <<'EOF2'
olu@adeyemi-law.example: referred by tom@beckerbikes.example (set by hand; mail will not change it)
EOF2
cl referrers
want_out "referrers follow the moved credit" <<'EOF2'
EMAIL                      NAME             CATEGORY  REFS  MSGS  LAST SEEN   TAGS
tom@beckerbikes.example    Tom Becker       good         2     0  2026-11-03  referred,referrer
marco@rossi-cafe.example   Marco Rossi      good         1     1  2026-11-10  enquiry,referrer
priya@lumenbakery.example  Priya Natarajan  good         1     3  2026-11-09  enquiry,praise,referrer
EOF2
# new mail that credits someone else, and the old mail again
eml conflict.eml "Olu Adeyemi <olu@adeyemi-law.example>" "More cards" \
    "more-1211@adeyemi-law.example" \
    "Marco Rossi (marco@rossi-cafe.example) sent me your way."
cl ingest "$tmp/conflict.eml" "$mbox"
cl show olu@adeyemi-law.example
want_grep "manual credit survives re-ingest" out '^  referred by: tom@beckerbikes.example \(set by hand\)$'
cl referral olu@adeyemi-law.example --none
want_rc 0 "referral --none"
cl show olu@adeyemi-law.example --format json
want_grep "--none in json" out '"referred_by":null,.*"referral_manual":true'
cl referral olu@adeyemi-law.example
want_rc 2 "referral without --by or --none"
cl referral olu@adeyemi-law.example --by x@y.example --none
want_rc 2 "referral with both"
cl referral nobody@nowhere.example --none
want_rc 1 "referral of an unknown person"
cl referral olu@adeyemi-law.example --by nobody@nowhere.example
want_rc 1 "referral by an unknown referrer"
want_grep "names the unknown referrer" err 'nobody@nowhere.example \(the referrer\)'
cl untag priya@lumenbakery.example referrer
want_rc 2 "untag referrer"
want_grep "untag points to referral" err "use 'clientele referral ADDRESS"

# ---- notes ----

cl note priya@lumenbakery.example prefers phone calls, not mail
want_rc 0 "note"
want_out "note" <<'EOF2'
note 1 added to priya@lumenbakery.example
EOF2
cl note priya@lumenbakery.example "paid late in 2025"
cl note priya@lumenbakery.example
want_rc 0 "note list"
sed 's/  20[0-9-]*  /  DAY  /' "$tmp/out" > "$tmp/out2"; mv "$tmp/out2" "$tmp/out"
want_out "note list" <<'EOF2'
1  DAY  prefers phone calls, not mail
2  DAY  paid late in 2025
EOF2
cl note --delete 1
want_rc 0 "note --delete"
cl note --delete 1
want_rc 1 "note --delete twice"
cl note --delete one
want_rc 2 "note --delete not a number"
cl show priya@lumenbakery.example --format json
want_grep "notes in json" out '"notes":\[\{"id":2,"text":"paid late in 2025","at":"'
cl note nobody@nowhere.example hello
want_rc 1 "note on an unknown person"

# ---- show: company and history ----

cl show priya@lumenbakery.example
want_grep "show names the company" out '^  company:     lumenbakery.example$'
want_grep "show lists the history" out '^    2026-11-09  in  Re: Menu boards  \[praise\]$'
want_grep "show lists outgoing mail" out '^    2026-11-02  out Re: Logo and menu boards for our bakery$'
want_grep "show lists notes" out '#2 paid late in 2025$'
i=1
while [ $i -le 12 ]; do
	eml "many$i.eml" "Priya Natarajan <priya@lumenbakery.example>" "Order $i" \
	    "order-$i@lumenbakery.example" "Another order, number $i."
	i=$((i + 1))
done
cl ingest "$tmp"/many*.eml
cl show priya@lumenbakery.example
want_grep "show: the last ten" out '^  history:     the last 10 of 16 messages \(--all for every one\)$'
cl show --all priya@lumenbakery.example
want_grep "show --all" out '^  history:     16 messages$'

# arrival: the top Received: hop, not the Date: the sender's clock wrote
printf 'Received: from mx.example (mx.example [192.0.2.1])\n\tby mail.brightdesk.example with ESMTP id 1A2B;\n\tFri, 13 Nov 2026 08:30:05 +0100\nReceived: from laptop by mx.example; Thu, 12 Nov 2026 23:59:00 +0000\nFrom: Lena Berg <lena@berg-bakes.example>\nTo: sam@brightdesk.example\nSubject: Cakes\nDate: Mon, 09 Nov 2026 10:00:00 +0000\nMessage-ID: <lena-1@berg-bakes.example>\n\nA quote for cake boxes, please.\n' > "$tmp/lena.eml"
cl ingest "$tmp/lena.eml"
cl show lena@berg-bakes.example --format json
want_grep "arrival from the top Received: hop" out '"history":\[\{"date":"2026-11-09T10:00:00Z","arrived":"2026-11-13T07:30:05Z","direction":"in","subject":"Cakes"'

# ---- find ----

printf 'From: =?UTF-8?Q?Zo=C3=AB_M=C3=BCller?= <zoe@muller-design.example>\nTo: sam@brightdesk.example\nSubject: Hello\nDate: Thu, 12 Nov 2026 11:00:00 +0000\nMessage-ID: <zoe-1@muller-design.example>\n\nCould you quote for a brochure?\n' > "$tmp/zoe.eml"
cl ingest "$tmp/zoe.eml"
cl find Zoe Muller
want_rc 0 "find"
want_grep "find Zoe Muller" out '^zoe@muller-design.example +Zoë Müller '
cl find "zoë" --format csv
want_grep "find csv" out '^zoe@muller-design.example,Zoë Müller,'
cl find natarajan --format json
want_grep "find by surname, both addresses" out '"email":"priya.n@homemail.example"'
want_grep "find by surname, both addresses" out '"email":"priya@lumenbakery.example"'
cl find lumenbakery.example --limit 1
want_grep "find by domain" out '^priya@lumenbakery.example '
cl find nothing-like-this
want_rc 0 "find with no match"
cl find
want_rc 2 "find without text"

# ---- companies, duplicates, customers --company ----

cl companies --format csv
want_rc 0 "companies"
want_grep "companies csv" out '^lumenbakery.example,priya@lumenbakery.example,1,0.00'
# Zoë writes from home and signs with her work address: "signs as".
# Ken quotes a message with that signature: his mail names nobody.
eml zoe-home.eml 'Zoe M <zoe.m@homemail.example>' 'Brochure' zoe-2@homemail.example \
    "$(printf 'Hi Sam,\n\nThe brochure looks great, two small changes to follow.\n\nBest,\nZo\303\253 M\303\274ller \302\267 zoe@muller-design.example \302\267 +49 30 1234567')"
eml ken-quotes.eml 'Ken Ito <ken@ito.example>' 'Re: Brochure' ken-1@ito.example \
    "$(printf 'Agreed, lovely work.\n\nKen\n\nOn Thu, 12 Nov 2026, Zoe M <zoe.m@homemail.example> wrote:\n> Best,\n> Zo\303\253 M\303\274ller \302\267 zoe@muller-design.example')"
cl ingest "$tmp/zoe-home.eml" "$tmp/ken-quotes.eml"
want_rc 0 "ingest signed mail"
cl duplicates
want_out "duplicates" <<'EOF2'
priya.n@homemail.example and priya@lumenbakery.example: same name "priya natarajan"; 'clientele merge' if they are one
zoe.m@homemail.example and zoe@muller-design.example: zoe.m@homemail.example signs as zoe@muller-design.example; 'clientele merge' if they are one
EOF2
cl show zoe@muller-design.example
want_grep "duplicates never merge" out 'zoe@muller-design.example'
cl show zoe.m@homemail.example
want_rc 0 "duplicates never merge: both stay"
cl customers --company muller-design.example --format csv
want_grep "customers --company" out '^zoe@muller-design.example,'
cl customers --company muller-design.example
want_nogrep "customers --company: nobody else" out 'priya'

# ---- ignore ----

cl ignore @beckerbikes.example --reason "a supplier"
want_rc 0 "ignore domain"
want_out "ignore domain" <<'EOF2'
ignoring @beckerbikes.example; 1 contact removed
EOF2
cl ingest "$mbox"
eml tom.eml "Tom Becker <tom@beckerbikes.example>" "New bikes" \
    "bikes-1211@beckerbikes.example" "Priya Natarajan (priya@lumenbakery.example) sent me your way. Thank you so much, wonderful work."
cl ingest "$tmp/tom.eml"
cl customers
want_nogrep "ignored domain makes nothing" out 'beckerbikes'
cl show grace@liu-dental.example
want_grep "its credits given are gone" out '^  referred by: -$'
cl ignore
want_grep "ignore lists" out '@beckerbikes.example  a supplier$'
cl ignore beckerbikes.example
want_rc 2 "ignore a bare domain"
cl unignore @nobody.example
want_rc 1 "unignore what is not ignored"
cl unignore @beckerbikes.example
want_rc 0 "unignore"

# ---- forget leaves a tombstone ----

cl forget derek@grumbleco.example
want_rc 0 "forget"
cl ingest "$mbox"
cl show derek@grumbleco.example
want_rc 1 "forget then re-ingest keeps the person gone"
cl forget derek@grumbleco.example --allow-return
want_rc 0 "forget --allow-return lifts the tombstone"
eml derek.eml "Derek Pike <derek@grumbleco.example>" "Sorry" \
    "sorry-1211@grumbleco.example" "Sorry about last week."
cl ingest "$tmp/derek.eml"
cl show derek@grumbleco.example
want_rc 0 "back with new mail after --allow-return"
cl forget --frobnicate derek@grumbleco.example
want_rc 2 "forget with an unknown option"

# ---- --since: months, years and dates ----

for since in 3mo 1y 2026-11-01 30m; do
	cl referrers --since "$since"
	want_rc 0 "referrers --since $since"
done
cl referrers --since 2026-11-01
want_grep "--since a date counts what came after it" out '^marco@rossi-cafe.example '
cl summary --since 2y
want_rc 0 "summary --since 2y"
for since in 2999-01-01 2026-02-30 1mon 1x; do
	cl referrers --since "$since"
	want_rc 2 "referrers --since $since refused"
done

# ---- a name announced: shown under the contact until its owner writes ----

eml hedge.eml 'Priya Natarajan <priya@lumenbakery.example>' 'Re: hedge' \
    hedge-1@lumenbakery.example \
    'My neighbour Jo Bloggs asked who did our shop sign, so I gave her your number.'
cl ingest "$tmp/hedge.eml"
want_rc 0 "ingest an announcement"
cl show priya@lumenbakery.example
want_fgrep "show lists the announced name" out \
    '  announced:   Jo Bloggs, 2026-11-12, in "Re: hedge"'
cl show priya@lumenbakery.example --format json
want_fgrep "show's JSON carries it" out \
    '"announced":[{"name":"Jo Bloggs","at":"2026-11-12T10:00:00Z","subject":"Re: hedge","evidence":"My neighbour Jo Bloggs'

# ---- export -> import -> export ----

cl digest --send --to sam@brightdesk.example
want_rc 0 "digest --send"
cl forget hana@kowalski-florist.example
cl ignore @spam.example
eml late.eml 'Ines Ortega <ines@ortega-bakery.example>' 'Order' late@x 'Two dozen rolls for Friday, please.'
cl ingest "$tmp/late.eml"
want_rc 0 "ingest after the digest"
cl digest --to sam@brightdesk.example
# what it covers (not when it was made): the subject, the figures against the period before, the lists
sed -n '/^Subject:/p; /^At a glance/,/^Category changes/p' "$tmp/out" > "$tmp/next-one"
cl export
want_rc 0 "export"
cp "$tmp/out" "$tmp/one.json"
# every table has rows: top-level arrays end their line at '[' when not
# empty, per-customer ones go straight on with '{'
for key in customers messages events digests ignores tombstones notes tags evidence signs announced; do
	checks=$((checks + 1))
	grep -Eq "\"$key\":\[(\{|\$)" "$tmp/one.json" || fail "export has no $key"
done
"$bin" -c "$tmp/clientele.conf" --db "$tmp/two.db" import "$tmp/one.json" >"$tmp/out" 2>"$tmp/err"
rc=$?
want_rc 0 "import"
"$bin" -c "$tmp/clientele.conf" --db "$tmp/two.db" export >"$tmp/two.json" 2>"$tmp/err"
checks=$((checks + 1))
cmp -s "$tmp/one.json" "$tmp/two.json" || fail "export -> import -> export differs"
"$bin" -c "$tmp/clientele.conf" --db "$tmp/two.db" show priya@lumenbakery.example >"$tmp/out" 2>"$tmp/err"
want_fgrep "the imported store still waits for the announced name" out \
    '  announced:   Jo Bloggs, 2026-11-12, in "Re: hedge"'
# the next digest of the imported store starts where the sent one ended
"$bin" -c "$tmp/clientele.conf" --db "$tmp/two.db" digest --to sam@brightdesk.example 2>"$tmp/err" |
	sed -n '/^Subject:/p; /^At a glance/,/^Category changes/p' > "$tmp/next-two"
checks=$((checks + 1))
cmp -s "$tmp/next-one" "$tmp/next-two" || fail "the digest after import differs: $(diff "$tmp/next-one" "$tmp/next-two" | head -5)"
checks=$((checks + 1))
grep -q 'ines@ortega-bakery.example' "$tmp/next-one" || fail "the next digest lacks what came after the sent one"

t_end
