#!/bin/sh
# t_pg_migrate.sh - `clientele migrate --to URI` copies a SQLite store
# into PostgreSQL (tests/lib_pg.sh), whole, and proves it.
#
# A SQLite store with some of everything (440 messages, a note, revenue, a
# hand tag, an ignored domain, a forgotten person's tombstone, a digest
# sent, a name announced that has not written) is migrated into an empty PostgreSQL database:
#   - the command says the copy's export is identical, and an export of
#     each store by `clientele export` is indeed byte for byte the same,
#     as are the reports;
#   - the source is unchanged;
#   - a second migrate into the now non-empty database is refused and
#     changes nothing; --replace copies again;
#   - a target the command cannot open (a wrong password) is named without
#     the password; the configured store itself is refused as a target;
#   - PostgreSQL back into a new SQLite file gives the same export again.
t_name=t_pg_migrate
. "$(dirname "$0")/lib.sh"
. "$top/tests/lib_pg.sh"
built "$bin"

pg_lab

printf 'Database %s\nOwnDomains brightdesk.example\nOwnAddresses sam@brightdesk.example\nSyslog no\nSpoolDir %s/spool\n' \
    "$tmp/old.db" "$tmp" > "$tmp/old.conf"
{ printf 'Database %s\n' "$PG_URI"; grep -v '^Database' "$tmp/old.conf"; } > "$tmp/pg.conf"
old() { "$bin" -c "$tmp/old.conf" "$@"; }
new() { "$bin" -c "$tmp/pg.conf" "$@"; }

old ingest scripts/demo-mail/*.eml tests/corpus/dev/*/*.eml > "$tmp/ingest" 2>&1 ||
    fail "ingest: $(cat "$tmp/ingest")"
{
	old note dana@reyes-accounting.example "Prefers calls in the morning" &&
	old tag dana@reyes-accounting.example vip &&
	old revenue add dana@reyes-accounting.example 1250.50 2026-03-01 &&
	old ignore @spammy.example --reason "cold calls" &&
	old forget lee@parkbakery.example &&
	old digest --to sam@brightdesk.example > /dev/null
} > "$tmp/edits" 2>&1 || fail "the edits: $(cat "$tmp/edits")"
# a name Dana (a customer: only they announce) announced, which nobody
# writes under: it waits in the store
old confirm dana@reyes-accounting.example > "$tmp/edits" 2>&1 ||
    fail "confirm: $(cat "$tmp/edits")"
printf 'From: Dana Reyes <dana@reyes-accounting.example>\nTo: Sam <sam@brightdesk.example>\nSubject: Re: hedge\nDate: Mon, 30 Mar 2026 10:00:00 +0000\nMessage-ID: <hedge@reyes-accounting.example>\n\nMy neighbour Wilma Quist asked who did our letterhead, so I gave her your number.\n' \
    > "$tmp/hedge.eml"
old ingest "$tmp/hedge.eml" > "$tmp/edits" 2>&1 || fail "the announcement: $(cat "$tmp/edits")"
old export > "$tmp/old.before" || fail "export of the source"

old migrate --to "$PG_URI" > "$tmp/out" 2>&1
rc=$?
[ $rc = 0 ] && grep -Eq '^migrated [1-9][0-9]* customers; the export of the copy is identical to the source.s \([0-9]+ bytes\)$' "$tmp/out" &&
    ok "migrate: $(cat "$tmp/out")" || fail "migrate: rc $rc: $(cat "$tmp/out")"

old export > "$tmp/old.json"
new export > "$tmp/pg.json"
cmp -s "$tmp/old.json" "$tmp/pg.json" &&
    ok "clientele export of both stores: identical ($(wc -c < "$tmp/pg.json") bytes)" ||
    fail "the exports differ: $(diff "$tmp/old.json" "$tmp/pg.json" | head -n 6)"
cmp -s "$tmp/old.before" "$tmp/old.json" && ok "the source is unchanged" ||
    fail "the source changed"
grep -q '"tombstone_salt"' "$tmp/pg.json" && grep -q 'Prefers calls' "$tmp/pg.json" &&
    grep -q '@spammy.example' "$tmp/pg.json" &&
    grep -q '"announced":\[{"name":"Wilma Quist"' "$tmp/pg.json" &&
    ok "notes, ignores, tombstones and an announced name came along" ||
    fail "something of the edits is missing from the copy"
for args in "customers --status all --format json" "referrers" "problems" \
    "ideal --format json" "companies"; do
	old $args > "$tmp/r.old" 2>&1
	new $args > "$tmp/r.pg" 2>&1
	cmp -s "$tmp/r.old" "$tmp/r.pg" && ok "$args: the same on the copy" ||
	    fail "$args differs: $(diff "$tmp/r.old" "$tmp/r.pg" | head -n 6)"
done

# again: the target holds the copy now
rows=$(pg_psql "SELECT count(*) FROM customers")
old migrate --to "$PG_URI" > "$tmp/out" 2>&1
rc=$?
[ $rc = 1 ] && grep -q "the target is not empty" "$tmp/out" &&
    [ "$(pg_psql "SELECT count(*) FROM customers")" = "$rows" ] &&
    ok "a non-empty target is refused, untouched" ||
    fail "non-empty target: rc $rc: $(cat "$tmp/out")"
new tag dana@reyes-accounting.example extra > /dev/null 2>&1
old migrate --to "$PG_URI" --replace > "$tmp/out" 2>&1 &&
    new export > "$tmp/pg.json" && cmp -s "$tmp/old.json" "$tmp/pg.json" &&
    ok "--replace: emptied and copied again, the same export" ||
    fail "--replace: $(cat "$tmp/out")"

# what it cannot open, and what it must not overwrite
old migrate --to "postgresql:///clientele?host=$PG_DIR&port=$PG_PORT&user=clientele_pw&password=Open-Sesame" \
    > "$tmp/out" 2>&1
rc=$?
[ $rc = 1 ] && grep -q "password authentication failed" "$tmp/out" &&
    ! grep -q "Open-Sesame" "$tmp/out" &&
    ok "a wrong password: said, never echoed" ||
    fail "wrong password: rc $rc: $(cat "$tmp/out")"
old migrate --to "$tmp/old.db" --replace > "$tmp/out" 2>&1
[ $? = 2 ] && grep -q "is the configured store itself" "$tmp/out" &&
    ok "the store itself is refused as a target" ||
    fail "self: $(cat "$tmp/out")"
old migrate > "$tmp/out" 2>&1
[ $? = 2 ] && ok "no --to: a usage error" || fail "no --to: $(cat "$tmp/out")"

# and back: PostgreSQL into a new SQLite file
new migrate --to "$tmp/back.db" > "$tmp/out" 2>&1 ||
    fail "back to SQLite: $(cat "$tmp/out")"
"$bin" -c "$tmp/old.conf" --db "$tmp/back.db" export > "$tmp/back.json"
cmp -s "$tmp/old.json" "$tmp/back.json" &&
    ok "PostgreSQL back into SQLite: the same export" ||
    fail "back: $(diff "$tmp/old.json" "$tmp/back.json" | head -n 6)"

pg_stop
t_end
