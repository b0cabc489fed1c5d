#!/bin/sh
# t_pg_twoservers.sh - two mail servers, one PostgreSQL: the README's
# example for two servers, end to end through Postfix.
#
# Three private Postfix instances (scripts/postfix-lab.sh), each relaying
# to its own smtp-sink through its own clientele-milter with its own
# configuration and spool:
#   one   the reference: one server on SQLite;
#   mx1   and mx2, "two servers", both on one private PostgreSQL
#         (tests/lib_pg.sh), configured as README's example.
# The same mail (scripts/demo-mail and tests/corpus/dev, 440 messages) is
# sent to `one`, then to mx1 and mx2 at the same time, each server
# receiving it in the same order (tests/pg/smtp_feed.py).  Then:
#   - every message is delivered by every Postfix (mail always passes);
#   - every message is recorded once across the two servers, as many as
#     the single server recorded, and nothing waits in a spool;
#   - customers (all statuses), referrers, problems, enquiries, companies
#     and duplicates, as JSON, are those of the single server (times of
#     arrival aside: each run is its own day's mail);
#   - a race: twelve new people, each introduced at the same moment by two
#     customers, one message to mx1 and the other to mx2: each has exactly
#     one referrer, one of the two, and the referrers' counts add up to 12.
# The servers must really have raced: some messages were recorded by one
# while the other had them too, and each server won some introductions.
t_name=t_pg_twoservers T_FAIL_FAST=1
. "$(dirname "$0")/lib.sh"
. "$top/tests/lib_pg.sh"
built "$bin" "$milter"
need python3 swaks
[ "$(id -u)" = 0 ] || { echo "t_pg_twoservers: needs root (Postfix)"; exit 1; }
LABSH="sh $top/scripts/postfix-lab.sh"
OWNER=sam@brightdesk.example
FEED="python3 $top/tests/pg/smtp_feed.py"
LOG=

pg_lab
t_cleanup() {
	for s in one mx1 mx2; do
		[ -d "$tmp/$s/lab" ] && $LABSH stop "$tmp/$s/lab" >/dev/null 2>&1
	done
	pg_stop
}
trap 't_cleanup' EXIT

# server NAME DATABASE - start a Postfix and its milter for one server:
# the configuration is README's example with this machine's paths
server() {
	d=$tmp/$1
	mkdir -p "$d"
	# three ports in a row: the milter's, Postfix's and smtp-sink's
	mport=$($LABSH free-port $((21000 + ($$ * 7 + ${#1} * 101) % 20000))) &&
	    sport=$($LABSH free-port $((mport + 1))) &&
	    kport=$($LABSH free-port $((sport + 1))) || fail "no free port"
	cat > "$d/clientele.conf" <<EOF
# $1: one of the servers sharing the store
Database        $2
OwnDomains      brightdesk.example
OwnAddresses    $OWNER
CustomerPolicy  incoming
Socket          inet:$mport@127.0.0.1
SpoolDir        $d/spool
Syslog          no
EOF
	"$milter" -n -c "$d/clientele.conf" > "$d/check.log" 2>&1 ||
	    fail "$1: -n: $(cat "$d/check.log")"
	$LABSH start "$d/lab" --milter "inet:$mport@127.0.0.1" --port $sport \
	    --sink-port $kport > "$d/lab.log" 2>&1 ||
	    fail "$1: the lab did not start: $(cat "$d/lab.log")"
	$LABSH spawn "$d/lab" milter "$milter" -f -c "$d/clientele.conf" ||
	    fail "$1: the milter did not start"
	LOG=$d/lab/log/milter.log
	$LABSH wait-socket "inet:$mport@127.0.0.1" 20 ||
	    fail "$1: the milter does not listen"
	sed -n 's/^SMTP_PORT=//p' "$d/lab/lab.env" > "$d/port"
}
port() { cat "$tmp/$1/port"; }

# spool_empty NAME - nothing waits in NAME's spool (within 20 s)
spool_empty() {
	i=0
	while [ "$(ls "$tmp/$1/spool" 2>/dev/null | grep -c '\.msg$')" != 0 ]; do
		i=$((i + 1))
		[ $i -le 100 ] || fail "$1: mail still waits in the spool"
		sleep 0.2
	done
}

MAIL=$(ls scripts/demo-mail/*.eml tests/corpus/dev/*/*.eml)
N=$(echo "$MAIL" | wc -l)

# ---- the reference: one server on SQLite ----
server one "$tmp/one/clientele.db"
# shellcheck disable=SC2086
$FEED "$(port one)" "$OWNER" $MAIL > "$tmp/feed.one" 2>&1 ||
    fail "one: $(cat "$tmp/feed.one")"
$LABSH wait "$tmp/one/lab" "$N" 120 > /dev/null ||
    fail "one: not all $N messages were delivered"
spool_empty one
$LABSH stop "$tmp/one/lab" > /dev/null 2>&1
ok "one server on SQLite: $N messages delivered"

# ---- two servers on one PostgreSQL, the same mail at the same time ----
server mx1 "$PG_URI"
server mx2 "$PG_URI"
start=$(now_ms)
# shellcheck disable=SC2086
$FEED "$(port mx1)" "$OWNER" $MAIL > "$tmp/feed.mx1" 2>&1 &
f1=$!
# shellcheck disable=SC2086
$FEED "$(port mx2)" "$OWNER" $MAIL > "$tmp/feed.mx2" 2>&1 &
f2=$!
wait $f1 || fail "mx1: $(cat "$tmp/feed.mx1")"
wait $f2 || fail "mx2: $(cat "$tmp/feed.mx2")"
took=$(( $(now_ms) - start ))
for s in mx1 mx2; do
	$LABSH wait "$tmp/$s/lab" "$N" 120 > /dev/null ||
	    fail "$s: not all $N messages were delivered"
	spool_empty $s
done
ok "two servers on PostgreSQL: $N messages delivered by each ($took ms)"

want=$(sqlite3 "$tmp/one/clientele.db" "SELECT count(*) FROM messages")
got=$(pg_psql "SELECT count(*) FROM messages")
[ "$want" = "$got" ] && [ "$want" -gt 300 ] &&
    ok "each of $want messages recorded once across the two servers" ||
    fail "messages: $got on PostgreSQL, $want on one server"
dup=$(cat "$tmp"/mx1/lab/log/milter.log "$tmp"/mx2/lab/log/milter.log |
    grep -c 'duplicate' || true)
# what each milter said of the mail it did not record, for a failure
why_not() {
	for s in mx1 mx2; do
		l=$tmp/$s/lab/log/milter.log
		printf '%s: %s recorded, %s spooled, %s errors; first: %s\n' "$s" \
		    "$(grep -c 'customer=\|no customer\|outgoing' "$l")" \
		    "$(grep -c 'spooled' "$l")" "$(grep -c 'error\|tempfail' "$l")" \
		    "$(grep -m1 'error\|spooled\|tempfail' "$l")"
	done
}
[ "$dup" -gt 0 ] && ok "the servers did race: $dup messages were the other's already" ||
    fail "no message was seen by both servers: the test raced nothing ($(why_not))"

# norm - the report with its times of arrival left out
norm() {
	sed -E 's/"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z"/"T"/g'
}
for args in "customers --status all --format json" "referrers --format json" \
    "problems --format json" "enquiries --format json" \
    "companies --format json" "duplicates --format json"; do
	"$bin" -c "$tmp/one/clientele.conf" $args 2>&1 | norm > "$tmp/r.one"
	"$bin" -c "$tmp/mx1/clientele.conf" $args 2>&1 | norm > "$tmp/r.pg"
	if cmp -s "$tmp/r.one" "$tmp/r.pg"; then
		ok "$args: as one server computes it ($(wc -c < "$tmp/r.pg") bytes)"
	else
		diff "$tmp/r.one" "$tmp/r.pg" | head -n 10
		fail "$args: two servers differ from one"
	fi
done

# ---- the race: two introductions of one new person at the same moment ----
# mx1 gets the first introductions in order 1..12, mx2 the second ones in
# order 12..1: they meet in the middle, where both arrive at once.
NAMES="Nia.Adams Omar.Baker Pia.Clark Quinn.Dale Rosa.Evans Sven.Ford
Tara.Grant Uma.Hale Vic.Irwin Wes.Jones Xena.King Yusuf.Lane"
mkdir -p "$tmp/race"
r=0
for nm in $NAMES; do
	r=$((r + 1))
	first=${nm%.*} last=${nm#*.}
	new=$(echo "$nm" | tr 'A-Z' 'a-z')@race.example
	for side in a b; do
		ref=ref$side$r@$side-firm.example
		cat > "$tmp/race/hello-$side$r.eml" <<EOF
From: Referrer ${side}${r} <$ref>
To: Sam Carter <$OWNER>
Subject: Thanks
Date: Mon, 06 Apr 2026 09:00:00 +0000
Message-ID: <hello-$side$r@race.example>

Hello Sam, thank you for the work last year.
EOF
		cat > "$tmp/race/intro-$side$r.eml" <<EOF
From: Referrer ${side}${r} <$ref>
To: Sam Carter <$OWNER>
Cc: $first $last <$new>
Subject: Introduction: $first $last
Date: Tue, 07 Apr 2026 10:00:00 +0000
Message-ID: <intro-$side$r@race.example>

Sam, let me introduce you to $first $last, who needs new packaging.
I've copied $first in so you two can talk.
EOF
	done
done
# shellcheck disable=SC2046
$FEED "$(port mx1)" "$OWNER" $(ls "$tmp"/race/hello-*.eml) > "$tmp/feed.h" 2>&1 ||
    fail "hello: $(cat "$tmp/feed.h")"
# shellcheck disable=SC2046
$FEED "$(port mx1)" "$OWNER" $(ls "$tmp"/race/intro-a*.eml | sort -V) \
    > "$tmp/feed.a" 2>&1 &
f1=$!
# shellcheck disable=SC2046
$FEED "$(port mx2)" "$OWNER" $(ls "$tmp"/race/intro-b*.eml | sort -rV) \
    > "$tmp/feed.b" 2>&1 &
f2=$!
wait $f1 || fail "intro a: $(cat "$tmp/feed.a")"
wait $f2 || fail "intro b: $(cat "$tmp/feed.b")"
spool_empty mx1
spool_empty mx2
q="SELECT count(*), count(DISTINCT r.referred_id),
    count(*) FILTER (WHERE f.email LIKE 'refa%'),
    count(*) FILTER (WHERE f.email LIKE 'refb%')
    FROM referrals r JOIN customers c ON c.id = r.referred_id
    JOIN customers f ON f.id = r.referrer_id
    WHERE c.email LIKE '%@race.example'"
res=$(pg_psql "$q")
case $res in
12\|12\|0\|*|12\|12\|*\|0) fail "race: one server won every credit ($res): nothing raced" ;;
12\|12\|*) ok "race: 12 people, each with exactly one referrer (mx1's|mx2's: ${res#12|12|})" ;;
*) fail "race: referrals (all|people|a|b) = $res" ;;
esac
made=$(pg_psql "SELECT sum(referrals_made) FROM customers WHERE email LIKE 'ref%'")
[ "$made" = 12 ] && ok "race: the referrers' counts add up to 12" ||
    fail "race: the referrers' counts add up to $made"
r=0
bad=0
for nm in $NAMES; do
	r=$((r + 1))
	new=$(echo "$nm" | tr 'A-Z' 'a-z')@race.example
	"$bin" -c "$tmp/mx2/clientele.conf" show "$new" --format json |
	    tr -d ' \n' | grep -Eq "\"referred_by\":\"ref[ab]$r@[ab]-firm.example\"" ||
	    bad=$((bad + 1))
done
[ $bad = 0 ] && ok "race: each credit went to one of the two who introduced them" ||
    fail "race: $bad people credited to someone else or no one"

pg_stop
t_end
