#!/bin/sh
# t_pgsql.sh - the PostgreSQL backend against a real server of its own
# (tests/lib_pg.sh: initdb in /var/tmp, a unix socket, stopped at exit).
#
# Directly, through tests/pg/pg_driver: the schema is created once and a
# second open changes nothing; two processes opening an empty database at
# once both succeed with one schema; a store of version 8 is upgraded in
# place; read-only opens; money_sum at and past
# the 64-bit edges, as SQLite's; parameters typed as bound; a lost
# connection mid-transaction leaves nothing and reconnects; a second writer
# gets DB_BUSY; an aborted transaction is not committed; wrong credentials,
# no such database and no server say so and name the server; concurrent
# writers count each message once.
#
# Then the store's unit suites (and pipeline, hostile) on this server
# (CLIENTELE_TEST_DATABASE, CLIENTELE_TEST_DB_RESET), three `clientele
# ingest` at once into it, whose reports must be those of one ingest into
# SQLite, and `clientele export` after one ingest into each engine, which
# must give the same file.
t_name=t_pgsql
. "$(dirname "$0")/lib.sh"
. "$top/tests/lib_pg.sh"

make -s tests/pg/pg_driver >/dev/null || { echo "t_pgsql: build failed"; exit 1; }
drv=$top/tests/pg/pg_driver
pg_lab

# d NAME ARGS... - run the driver; its output in $tmp/out, status in $rc
d() {
	"$drv" "$@" > "$tmp/out" 2>&1
	rc=$?
}

# same WHAT WANT - $tmp/out is exactly WANT
same() {
	if [ "$(cat "$tmp/out")" = "$2" ]; then
		ok "$1"
	else
		fail "$1: got [$(cat "$tmp/out")], wanted [$2]"
	fi
}

# ---- the schema: created once, a re-open is a no-op ----
d open "$PG_URI"
same "open creates the store" "ok"
[ "$(pg_psql 'SELECT version FROM clientele_schema')" = 9 ] &&
    ok "schema version 9" ||
    fail "schema version: $(pg_psql 'SELECT version FROM clientele_schema')"
before=$(pg_psql "SELECT count(*), max(xmin::text::bigint) FROM pg_class
    WHERE relnamespace = 'public'::regnamespace")
d open "$PG_URI"
same "a second open" "ok"
after=$(pg_psql "SELECT count(*), max(xmin::text::bigint) FROM pg_class
    WHERE relnamespace = 'public'::regnamespace")
[ "$before" = "$after" ] && ok "a second open changes nothing" ||
    fail "a second open changed the catalogue: $before / $after"
d open "$PG_URI" ro
same "read-only open of a current store" "ok"

# ---- two processes opening an empty database at once ----
for round in 1 2 3; do
	sh -c "$PG_RESET" || fail "reset"
	"$drv" open "$PG_URI" > "$tmp/o1" 2>&1 & p1=$!
	"$drv" open "$PG_URI" > "$tmp/o2" 2>&1 & p2=$!
	"$drv" open "$PG_URI" > "$tmp/o3" 2>&1 & p3=$!
	wait $p1; r1=$?; wait $p2; r2=$?; wait $p3; r3=$?
	if [ "$r1$r2$r3" = 000 ] && [ "$(pg_psql \
	    'SELECT count(*) FROM clientele_schema')" = 1 ]; then
		ok "three opens at once, round $round: one schema"
	else
		fail "three opens at once, round $round: $r1$r2$r3 $(cat \
		    "$tmp/o1" "$tmp/o2" "$tmp/o3")"
	fi
done

# ---- read-only: never creates ----
sh -c "$PG_RESET"
d open "$PG_URI" ro
[ $rc -ne 0 ] && grep -q "no clientele store there yet" "$tmp/out" &&
    ok "read-only open of an empty database refuses" ||
    fail "read-only open of an empty database: $(cat "$tmp/out")"
[ "$(pg_psql "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")" = 0 ] &&
    ok "and creates nothing" || fail "read-only open created tables"

# ---- someone else's tables: refused untouched ----
pg_psql "CREATE TABLE invoices (id int)"
d open "$PG_URI"
[ $rc -ne 0 ] && grep -q "not clientele's; refusing" "$tmp/out" &&
    ok "a schema with other tables is refused" ||
    fail "other tables: $(cat "$tmp/out")"
sh -c "$PG_RESET"
d open "$PG_URI"
same "open after reset" "ok"

# ---- a store of version 8 is upgraded in place: the owner's messages
# ---- (sent) keep their rows and gain what each said (said_minor, said_bill)
pg_psql "INSERT INTO customers (email, first_seen, last_seen)
    VALUES ('tom@reyes.example', 1, 1);
    INSERT INTO addresses SELECT email, id FROM customers;
    INSERT INTO sent (key, customer_id, at) SELECT '<q@x>', id, 1 FROM customers;
    ALTER TABLE sent DROP COLUMN said_minor, DROP COLUMN said_bill;
    UPDATE clientele_schema SET version = 8" > /dev/null
d open "$PG_URI"
same "open of a version 8 store" "ok"
[ "$(pg_psql 'SELECT version FROM clientele_schema')" = 9 ] &&
    [ "$(pg_psql "SELECT key, said_minor IS NULL, said_bill IS NULL
        FROM sent")" = "<q@x>|t|t" ] &&
    ok "upgraded in place to version 9, the owner's message kept" ||
    fail "upgrade from 8: $(pg_psql 'SELECT version FROM clientele_schema') $(pg_psql 'SELECT * FROM sent')"
sh -c "$PG_RESET"
d open "$PG_URI"

# ---- money_sum: as SQLite's (store_revenue.c) ----
ms() {
	d sql "$PG_URI" 1 "SELECT money_sum(x) FROM (VALUES $1) v(x)"
	same "money_sum($1)" "$2
changes 0"
}
ms "(1::bigint), (2), (NULL)" 3
ms "(NULL::bigint)" NULL
ms "(9223372036854775807::bigint), (1)" 9223372036854775807
ms "(-9223372036854775807::bigint), (-5)" -9223372036854775808
ms "(9223372036854775807::bigint), (1), (-3)" 9223372036854775805
ms "(9223372036854775807::bigint), (9223372036854775807), (-9223372036854775807)" \
    9223372036854775807
d sql "$PG_URI" 1 "SELECT money_sum(amount_minor) FROM revenue"
same "money_sum over no rows" "NULL
changes 0"

# ---- parameters typed as bound ----
d sql "$PG_URI" 3 "SELECT ?1 IS NULL, ?2 + 1, '?3' || ?3" n i:9223372036854775806 t:x
same "?1 IS NULL, 64-bit arithmetic, ? inside a literal" "1	9223372036854775807	?3x
changes 0"
d sql "$PG_URI" 1 "INSERT INTO ignores VALUES (?1, ?2, ?3) RETURNING pattern" \
    "t:o'brien@example.org" n i:5
same "a quote in a bound value is just text" "o'brien@example.org
changes 1"
d sql "$PG_URI" 0 "UPDATE ignores SET reason = ?1 WHERE at = ?2" t:r i:5
same "changes counts an UPDATE" "changes 1"
q="SELECT count(*) FROM ignores WHERE (?1 IS NULL OR at = ?1)
    AND (?2 IS NULL OR reason = ?2)"
d sql "$PG_URI" 1 "$q" n n
same "a NULL the server cannot type: ?1 IS NULL OR col = ?1" "1
changes 0"
d sql "$PG_URI" 1 "$q" i:5 t:r
same "the same with values" "1
changes 0"
d sql "$PG_URI" 1 "$q" n t:other
same "a NULL beside a value" "0
changes 0"
d sql "$PG_URI" 1 "SELECT count(*) FROM ignores WHERE at = ?1" t:5
same "text compared with an integer column, as SQLite's affinity" "1
changes 0"
d sql "$PG_URI" 0 "SELECT 1 WHERE ? = 1" i:1
[ $rc -ne 0 ] && grep -q "without its number" "$tmp/out" &&
    ok "an unnumbered ? is refused" || fail "unnumbered ?: $(cat "$tmp/out")"

# ---- transactions ----
d gone "$PG_URI"
[ $rc -eq 0 ] && ok "a lost connection: nothing half-applied, reconnects" ||
    fail "lost connection: $(cat "$tmp/out")"
grep -q "^message: connection to PostgreSQL database \"clientele\" on socket directory $PG_DIR port $PG_PORT lost" "$tmp/out" &&
    ok "the loss names the server" || fail "loss message: $(cat "$tmp/out")"
d aborted "$PG_URI"
[ $rc -eq 0 ] && ok "savepoints recover; an aborted transaction is not committed" ||
    fail "aborted: $(cat "$tmp/out")"
start=$(date +%s)
d busy "$PG_URI&options=-clock_timeout%3D300"
[ $rc -eq 0 ] && ok "a second writer waits, then DB_BUSY" ||
    fail "busy: $(cat "$tmp/out")"
[ $(( $(date +%s) - start )) -lt 5 ] && ok "lock_timeout from the URI is kept" ||
    fail "busy took $(( $(date +%s) - start ))s"

# ---- concurrent writers: each message counted once ----
d race "$PG_URI" 4 300
[ $rc -eq 0 ] && ok "4 writers, 300 messages, each counted once" ||
    fail "race: $(cat "$tmp/out")"

# ---- cannot connect: says so, names the server ----
d open "postgresql:///clientele?host=$PG_DIR&port=$PG_PORT&user=clientele_pw&password=wrong"
[ $rc -ne 0 ] && grep -q "CANTOPEN: PostgreSQL database \"clientele\" on socket directory $PG_DIR port $PG_PORT: cannot connect: .*password authentication failed" "$tmp/out" &&
    ok "wrong password: says so, names the server" ||
    fail "wrong password: $(cat "$tmp/out")"
grep -q wrong "$tmp/out" && fail "the password is echoed" ||
    ok "the password is not echoed"
sh -c "$PG_RESET"
pg_psql "GRANT ALL ON SCHEMA public TO clientele_pw"
d open "postgresql:///clientele?host=$PG_DIR&port=$PG_PORT&user=clientele_pw&password=right"
same "the right password" "ok"
d open "postgresql:///nosuch?host=$PG_DIR&port=$PG_PORT&user=postgres"
[ $rc -ne 0 ] && grep -q 'CANTOPEN: PostgreSQL database "nosuch" .*does not exist' "$tmp/out" &&
    ok "no such database" || fail "no such database: $(cat "$tmp/out")"
d open "host=127.0.0.1 port=1 dbname=x connect_timeout=5"
[ $rc -ne 0 ] && grep -q 'CANTOPEN: PostgreSQL database "x" on 127.0.0.1 port 1: cannot connect: .*refused' "$tmp/out" &&
    ok "no server" || fail "no server: $(cat "$tmp/out")"

# ---- the store's unit suites, and the command, on this server ----
[ -x tests/check_clientele ] || make -s tests/check_clientele >/dev/null
# A statement is a round trip to the server here, so a test case gets
# three times its time limit (there to catch hangs, not to time SQLite):
# hostile's 5,000-message mbox takes about 20 s on PostgreSQL.
for s in store store_digest store_import store_learn store_owner store_readonly \
    store_revenue store_said pipeline hostile; do
	(cd tests && CK_RUN_SUITE=$s CK_TIMEOUT_MULTIPLIER=3 \
	    CLIENTELE_TEST_DATABASE="$PG_URI" \
	    CLIENTELE_TEST_DB_RESET="$PG_RESET" ./check_clientele) \
	    > "$tmp/suite.$s" 2>&1
	last=$(tail -n 1 "$tmp/suite.$s")
	case $last in
	"100%: Checks: "[1-9]*", Failures: 0, Errors: 0")
		ok "suite $s on PostgreSQL: $last" ;;
	*)	fail "suite $s on PostgreSQL: $last"
		grep ':[FE]:' "$tmp/suite.$s" | head -n 10 ;;
	esac
done

# Three servers ingest the same mail at once into one store: each message
# recorded once, and every report as one SQLite ingest of it gives.
mail="scripts/demo-mail/*.eml tests/corpus/dev/*/*.eml"
sh -c "$PG_RESET"
for b in sqlite pg; do
	dbv=$tmp/one.db
	[ $b = pg ] && dbv=$PG_URI
	printf 'Database %s\nOwnDomains brightdesk.example\nOwnAddresses %s\nSyslog no\nSpoolDir %s\n' \
	    "$dbv" sam@brightdesk.example "$tmp" > "$tmp/$b.conf"
done
"$bin" --config "$tmp/sqlite.conf" ingest $mail > "$tmp/ingest.sqlite" 2>&1 ||
    fail "the SQLite ingest: $(cat "$tmp/ingest.sqlite")"
for i in 1 2 3; do
	"$bin" --config "$tmp/pg.conf" ingest $mail > "$tmp/ingest.pg$i" 2>&1 &
	eval "pid$i=\$!"
done
wait $pid1 && wait $pid2 && wait $pid3 && ok "three ingests at once" ||
    fail "three ingests at once: $(cat "$tmp"/ingest.pg*)"
want=$(sed -n 's/.*: \([0-9]*\) recorded.*/\1/p' "$tmp/ingest.sqlite")
got=$(cat "$tmp"/ingest.pg* | sed -n 's/.*: \([0-9]*\) recorded.*/\1/p' |
    awk '{ n += $1 } END { print n }')
[ -n "$want" ] && [ "$want" = "$got" ] &&
    ok "each of $want messages recorded once by the three" ||
    fail "recorded: $got by the three, $want by one"
for args in "customers --format json" "referrers" "problems" "enquiries" \
    "companies" "duplicates" "ideal" \
    "show dana@reyes-accounting.example --format json"; do
	"$bin" --config "$tmp/sqlite.conf" $args > "$tmp/r.sqlite" 2>&1
	"$bin" --config "$tmp/pg.conf" $args > "$tmp/r.pg" 2>&1
	cmp -s "$tmp/r.sqlite" "$tmp/r.pg" && ok "$args: as SQLite's" ||
	    fail "$args differs: $(diff "$tmp/r.sqlite" "$tmp/r.pg" | head -n 6)"
done

# export: one ingest of the same mail into each engine gives the same file
# (but for when each message was ingested, seen_at, and the tombstone salt,
# random per store)
sh -c "$PG_RESET"
"$bin" --config "$tmp/pg.conf" ingest $mail > "$tmp/ingest.pg" 2>&1 ||
    fail "one ingest into PostgreSQL: $(cat "$tmp/ingest.pg")"
export_masked() {
	"$bin" --config "$tmp/$1.conf" export > "$tmp/x.$1" 2>"$tmp/x.$1.err" ||
	    fail "export from $1: $(cat "$tmp/x.$1.err")"
	sed -e 's/"seen_at":[0-9]*/"seen_at":0/g' \
	    -e 's/"tombstone_salt":"[0-9a-f]*"/"tombstone_salt":""/' \
	    "$tmp/x.$1" > "$tmp/x.$1.m"
}
export_masked sqlite
export_masked pg
n=$(grep -c '"email":' "$tmp/x.sqlite.m")
[ "$n" -gt 100 ] && ok "the SQLite export holds $n customer lines" ||
    fail "the SQLite export looks empty: $n customer lines"
cmp -s "$tmp/x.sqlite.m" "$tmp/x.pg.m" && ok "export: as SQLite's" ||
    fail "export differs: $(diff "$tmp/x.sqlite.m" "$tmp/x.pg.m" | head -c 600)"

pg_stop
t_end
