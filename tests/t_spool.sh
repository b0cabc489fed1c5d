#!/bin/sh
# t_spool.sh - nothing is lost when the store fails under clientele-milter.
#
# Starts ./clientele-milter (from `make all`) with a temporary database and
# SpoolDir, makes the store fail, and checks that each message is still
# accepted in well under a second, lands in the spool (`clientele spool`
# shows the depth, and the reports say mail is waiting) and is recorded
# exactly once, in order, when the store is back: replayed by the milter's
# timer with no further mail, by the next message, at start-up (which
# also removes the temporary files a crashed writer left), or by
# `clientele spool --replay`.
#
# The ways the store fails here, all of which work when run as root:
#   locked   another process holds BEGIN EXCLUSIVE (sqlite3 on a fifo)
#   corrupt  the database header is overwritten under the running milter,
#            then (milter stopped) at start-up; restored from a copy
#   missing  Database names a file in a directory that does not exist
#            (reloaded with SIGUSR1), replayed by `clientele spool --replay`
# Read-only and full are not simulated: as root neither file modes nor
# chmod stop writes, and a small or read-only mount needs privileges a
# test run may not have; SQLite reports both as write errors on the same
# path as the locked case (pipeline_process fails with facts set).
set -u

T=tests/tmp/spool/$$
t_name=t_spool t_tmp=$T T_FAIL_FAST=1
. "$(dirname "$0")/lib.sh"
milter_files
SPOOL=$T/spool
SOCKSPEC=unix:$SOCK
lockpid=""

cleanup() {
	lock_kill
	milter_stop
}

# the library's fail stops here and calls this
t_cleanup() { cleanup; }

trap cleanup EXIT INT TERM

built "$MILTER" ./clientele
need miltertest sqlite3

write_conf() {	# write_conf DATABASE
	milter_conf "$1" "Socket $SOCKSPEC" "MaxScanBytes 65536" \
	    "OnInternalError tempfail" "SpoolDir $SPOOL"
}

start() { milter_start "$MILTER" -f -c "$CONF"; }

stop() {
	kill -TERM "$pid"
	wait "$pid"
	pid=""
}

# send ID FROM [header=no]: one message; fails unless accepted within 1 s
send() {
	id=$1
	from=$2
	shift 2
	t0=$(now_ms)
	if ! miltertest -D socket="$SOCKSPEC" -D id="$id" -D from="$from" \
	    "$@" -s tests/milter/spool.lua >"$T/$id.out" 2>&1; then
		cat "$T/$id.out"
		fail "$id: miltertest"
	fi
	ms=$(($(now_ms) - t0))
	[ "$ms" -lt 1000 ] || fail "$id: took $ms ms to be accepted"
	kill -0 "$pid" 2>/dev/null || fail "the milter died during $id"
}

# spooled ID FROM: send while the store fails; must be spooled, no header
spooled() {
	send "$1" "$2" -D header=no
	grep -q "$1: store not used (.*); spooled, spool depth [0-9]*; accepted" \
	    "$LOG" || fail "$1: no spool warning in the log"
}

# depth: what `clientele spool` says is waiting
depth() {
	./clientele --config "$CONF" spool | sed -n 's/^\([0-9]*\) .*/\1/p'
}

# messages EMAIL: the customer's message count, or none
messages() {
	./clientele --config "$CONF" --db "$DB" show "$1" --format json \
	    2>/dev/null | tr -d '\n' |
	    sed -n 's/.*"messages": *\([0-9]*\).*/\1/p' | grep . || echo none
}

# expect EMAIL COUNT
expect() {
	got=$(messages "$1")
	[ "$got" = "$2" ] || fail "$1 should have $2 messages, has $got"
}

# --- a working store first ----------------------------------------------
write_conf "$DB"
start || fail "the milter did not start"
send ok1 alice@customer.test
expect alice@customer.test 1
[ "$(depth)" = 0 ] || fail "the spool should be empty"
[ ! -e "$SPOOL" ] || fail "the spool directory was made with nothing to spool"
ok "a working store records the message and leaves no spool"

# --- locked -------------------------------------------------------------
lock_store "$DB" "$T"
spooled lock1 locked@customer.test
spooled lock2 locked@customer.test
[ "$(depth)" = 2 ] || fail "locked: spool depth $(depth), expected 2"
[ "$(stat -c %a "$SPOOL")" = 700 ] || fail "the spool directory is not 0700"
for f in "$SPOOL"/*.msg; do
	[ "$(stat -c %a "$f")" = 600 ] || fail "$f is not 0600"
done
expect locked@customer.test none
ok "locked store: accepted fast, spooled (0700/0600), depth 2"
./clientele --config "$CONF" customers >/dev/null 2>"$T/note.err" ||
    fail "customers failed while mail waits in the spool"
grep -q "note: 2 messages wait in $SPOOL not yet in the store" "$T/note.err" ||
    { cat "$T/note.err"; fail "the report does not say that mail waits"; }
ok "a report says that 2 messages wait in the spool"

unlock_store
# no further mail: the milter's timer replays the spool on its own
t0=$(now_ms)
i=0
until [ "$(messages locked@customer.test)" = 2 ]; do
	i=$((i + 1))
	[ $i -lt 300 ] || fail "the timer did not replay the spool in 30 s"
	sleep 0.1
done
[ "$(depth)" = 0 ] || fail "locked: the spool was not emptied"
grep -q "spool: replayed 2 messages" "$LOG" ||
    fail "locked: no replay line in the log"
ok "lock released: the timer replays both within $(( $(now_ms) - t0 )) ms, no mail needed"
send lock3 locked@customer.test
expect locked@customer.test 3
ok "the next message is recorded once after them"

# --- corrupt under the running milter -----------------------------------
sqlite3 "$DB" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null ||
    fail "checkpoint"
cp "$DB" "$T/good.db"
printf 'this is not SQLite at all' | dd of="$DB" bs=1 conv=notrunc 2>/dev/null
spooled bad1 corrupt@customer.test
spooled bad2 corrupt@customer.test
[ "$(depth)" = 2 ] || fail "corrupt: spool depth $(depth), expected 2"
./clientele --config "$CONF" spool --replay >"$T/replay.out" 2>&1 &&
    fail "spool --replay succeeded on a corrupt store"
[ "$(depth)" = 2 ] || fail "a failed replay lost spooled mail"
ok "corrupt store: accepted, spooled; a manual replay fails and keeps them"

# --- corrupt at start-up, replayed at start-up --------------------------
stop
spooled_before=$(depth)
# what a writer killed between create and rename leaves behind
printf 'half' >"$SPOOL/.tmp-00000000000000000001-0000000000-99999999.msg"
start || fail "the milter did not start over a corrupt store"
grep -q "spool: 2 messages wait in" "$LOG" ||
    fail "start-up: no warning about the waiting spool"
[ ! -e "$SPOOL/.tmp-00000000000000000001-0000000000-99999999.msg" ] ||
    fail "start-up did not remove a dead writer's temporary file"
grep -q "spool: removed .*/.tmp-00000000000000000001-0000000000-99999999.msg" "$LOG" ||
    fail "start-up did not log the temporary file it removed"
spooled bad3 corrupt@customer.test
[ "$(depth)" = 3 ] || fail "corrupt: spool depth $(depth), expected 3"
stop
cp "$T/good.db" "$DB"
rm -f "$DB-wal" "$DB-shm"
start || fail "the milter did not start over the restored store"
[ "$(depth)" = 0 ] || fail "start-up replay left $(depth) messages"
expect corrupt@customer.test 3
[ "$spooled_before" = 2 ] || fail "stopping the milter changed the spool"
ok "restored store: the spool is replayed at start-up, once each"

# --- missing directory, replayed by hand; replay is idempotent ----------
write_conf "$T/no-such-dir/clientele.db"
kill -USR1 "$pid"
log_wait "configuration reloaded" 50 || fail "no reload"
spooled gone1 missing@customer.test
spooled gone2 missing@customer.test
[ "$(depth)" = 2 ] || fail "missing: spool depth $(depth), expected 2"
mkdir "$T/copy"
cp "$SPOOL"/*.msg "$T/copy/"
write_conf "$DB"
./clientele --config "$CONF" spool --replay >"$T/replay.out" 2>&1 ||
    { cat "$T/replay.out"; fail "spool --replay failed"; }
grep -q "replayed 2 messages" "$T/replay.out" ||
    { cat "$T/replay.out"; fail "spool --replay did not say what it did"; }
[ "$(depth)" = 0 ] || fail "missing: spool --replay left $(depth)"
expect missing@customer.test 2
# the same files again (a crash between recording and deleting): no change
cp "$T/copy/"*.msg "$SPOOL/"
./clientele --config "$CONF" spool --replay >"$T/replay2.out" 2>&1 ||
    { cat "$T/replay2.out"; fail "second spool --replay failed"; }
expect missing@customer.test 2
[ "$(depth)" = 0 ] || fail "second replay left $(depth)"
ok "missing directory: spooled; spool --replay records once, idempotently"

# --- the spool itself unusable: OnInternalError decides ------------------
# The running milter still has the missing-directory Database.
chmod 0777 "$SPOOL"
send nospool1 nospool@customer.test -D expect=tempfail
grep -q "nospool1: .*could not be spooled: .*writable by group or others.*; tempfail" \
    "$LOG" || fail "a shared spool directory was used, or not logged"
chmod 0700 "$SPOOL"
ok "a spool directory others may write to is refused (tempfail as configured)"
rm -rf "$T"
t_end
