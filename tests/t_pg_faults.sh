#!/bin/sh
# t_pg_faults.sh - clientele-milter on PostgreSQL when the server fails.
#
# Against a private server (tests/lib_pg.sh), with miltertest:
#   - `clientele-milter -n` with a wrong password, a database that does not
#     exist and no server at all says so in libpq's words (the password
#     never echoed) and exits 3; with the right one it says OK;
#   - the milter started with the wrong password still starts, accepts mail
#     and spools it; given the right one (SIGUSR1) it records it once;
#   - PostgreSQL stopped (fast shutdown) in the middle of a stream of mail:
#     every message is accepted within its usual time, what arrived while
#     the server was down waits in the spool and is recorded once, in all
#     every message exactly once, when the server is back;
#   - a connection killed (pg_terminate_backend) in the middle of a
#     message's transaction: the mail is accepted and spooled, nothing of
#     that message is in the store, and it is recorded once afterwards.
t_name=t_pg_faults T_FAIL_FAST=1
. "$(dirname "$0")/lib.sh"
. "$top/tests/lib_pg.sh"
built "$bin" "$milter"
need miltertest
LOG=$tmp/milter.log
SOCK=unix:$tmp/sock
pid=

pg_lab
t_cleanup() {
	milter_stop
	pg_stop
}
trap 't_cleanup' EXIT

PG_HOSTPART="host=$PG_DIR&port=$PG_PORT"
pg_psql "CREATE ROLE clerk LOGIN PASSWORD 'Sesame-9q'" >/dev/null
pg_psql "GRANT ALL ON SCHEMA public TO clerk" >/dev/null
# hba: clerk by password too (before the trust line lib_pg.sh wrote)
sed -i '1i local all clerk scram-sha-256' "$PG_DIR/data/pg_hba.conf"
pg_psql "SELECT pg_reload_conf()" >/dev/null

# config FILE URI - a milter configuration for URI
config() {
	cat > "$1" <<EOF
Database        $2
OwnDomains      brightdesk.example
CustomerPolicy  incoming
Syslog          no
LogLevel        debug
SpoolDir        $tmp/spool
Socket          $SOCK
EOF
}

# ---- -n: says why, never the password, exit 3 ----
# check WHAT URI PATTERN - -n exits 3 and its words match PATTERN
check() {
	config "$tmp/n.conf" "$2"
	"$milter" -n -c "$tmp/n.conf" > "$tmp/n.out" 2>&1
	rc=$?
	if [ $rc -eq 3 ] && grep -q "Database: .*$3" "$tmp/n.out" &&
	    grep -q "would start, and keep mail in the spool" "$tmp/n.out"; then
		ok "-n, $1: exit 3, $(grep -o "$3" "$tmp/n.out" | head -n 1)"
	else
		fail "-n, $1: exit $rc: $(cat "$tmp/n.out")"
	fi
	if grep -q Sesame "$tmp/n.out"; then
		fail "-n, $1: the password is echoed: $(cat "$tmp/n.out")"
	fi
}
check "wrong password" \
    "postgresql:///clientele?$PG_HOSTPART&user=clerk&password=Sesame-8q" \
    'password authentication failed for user "clerk"'
check "no such database" \
    "postgresql:///nosuchdb?$PG_HOSTPART&user=clerk&password=Sesame-9q" \
    'database "nosuchdb" does not exist'
check "no server" \
    "pgsql:host=127.0.0.1 port=1 dbname=clientele user=clerk password=Sesame-9q" \
    'Connection refused'
# -N (the systemd unit's check): the same problem line, but exit 0, since
# the filter starts and spools; a real problem besides still fails it
config "$tmp/n.conf" \
    "pgsql:host=127.0.0.1 port=1 dbname=clientele user=clerk password=Sesame-9q"
"$milter" -N -c "$tmp/n.conf" > "$tmp/n.out" 2>&1
rc=$?
[ $rc -eq 0 ] && grep -q 'Connection refused' "$tmp/n.out" &&
    grep -q "configuration OK, but the store's server" "$tmp/n.out" &&
    ok "-N, no server: the problem said, exit 0" ||
    fail "-N, no server: exit $rc: $(cat "$tmp/n.out")"
sed -i 's/^OwnDomains.*//; s/^OwnAddresses.*//' "$tmp/n.conf"
"$milter" -N -c "$tmp/n.conf" > "$tmp/n.out" 2>&1
rc=$?
[ $rc -eq 1 ] && grep -q 'neither OwnDomains nor OwnAddresses' "$tmp/n.out" &&
    ok "-N, no server and no owner: exit 1" ||
    fail "-N, no server and no owner: exit $rc: $(cat "$tmp/n.out")"
RIGHT="postgresql:///clientele?$PG_HOSTPART&user=clerk&password=Sesame-9q"
config "$tmp/n.conf" "$RIGHT"
"$milter" -n -c "$tmp/n.conf" > "$tmp/n.out" 2>&1 &&
    grep -q "configuration OK" "$tmp/n.out" &&
    ok "-n, the right password on an empty database: OK" ||
    fail "-n with the right password: $(cat "$tmp/n.out")"
pg_psql "REVOKE ALL ON SCHEMA public FROM clerk; REVOKE CREATE ON SCHEMA public FROM PUBLIC" >/dev/null
"$milter" -n -c "$tmp/n.conf" > "$tmp/n.out" 2>&1
rc=$?
[ $rc -eq 3 ] && grep -q 'role "clerk" may not create tables' "$tmp/n.out" &&
    ok "-n, a role that may not create the store: says so" ||
    fail "-n without CREATE: exit $rc: $(cat "$tmp/n.out")"
pg_psql "GRANT ALL ON SCHEMA public TO clerk" >/dev/null

# count SQL - one number from the store
count() { pg_psql "$1" 2>/dev/null || echo "?"; }

# send ID FROM - one message through the milter, accepted; ms in $took
send() {
	t0=$(now_ms)
	miltertest -D socket="$SOCK" -D id="$1" -D from="$2" \
	    -s tests/milter/spool.lua > "$tmp/mt.out" 2>&1 ||
	    fail "message $1 was not accepted: $(cat "$tmp/mt.out")"
	took=$(( $(now_ms) - t0 ))
}

# wait_for WHAT SQL WANT SECONDS - poll until SQL gives WANT
wait_for() {
	i=0
	while [ "$(count "$2")" != "$3" ]; do
		i=$((i + 1))
		[ $i -le $(( $4 * 5 )) ] ||
		    fail "$1: $(count "$2") after $4 s, wanted $3"
		sleep 0.2
	done
	ok "$1"
}

# ---- the milter with the wrong password: starts, accepts, spools ----
config "$tmp/milter.conf" \
    "postgresql:///clientele?$PG_HOSTPART&user=clerk&password=Sesame-8q"
"$milter" -f -c "$tmp/milter.conf" > "$LOG" 2>&1 &
pid=$!
sh scripts/postfix-lab.sh wait-socket "$SOCK" 20 ||
    fail "the milter with a wrong password did not start"
send bad-1 ann@customer.test
send bad-2 bob@customer.test
n=$(ls "$tmp/spool" | grep -c '\.msg$' || true)
[ "$n" = 2 ] && ok "wrong password: the milter runs, both messages spooled" ||
    fail "wrong password: $n spooled: $(ls -la "$tmp/spool")"
grep -q "password authentication failed" "$LOG" &&
    ok "the log says why" || fail "the log does not say why"
config "$tmp/milter.conf" "$RIGHT"
kill -USR1 "$pid"
wait_for "the right password (reload): both recorded from the spool" \
    "SELECT count(*) FROM messages" 2 20

# ---- the server stopped under a stream of mail ----
# 45 messages, one after the other; the server is stopped after the 10th
# and started again after the 30th.  Each must be accepted at once.
slow=0
worst=0
i=1
while [ $i -le 45 ]; do
	send "flow-$i" "c$i@customer.test"
	[ $took -gt $worst ] && worst=$took
	[ $took -lt 1000 ] || slow=$((slow + 1))
	if [ $i = 10 ]; then
		pg_halt || fail "the server did not stop"
	fi
	if [ $i = 30 ]; then
		n=$(ls "$tmp/spool" | grep -c '\.msg$' || true)
		[ "$n" -ge 15 ] &&
		    ok "server down: $n messages wait in the spool" ||
		    fail "server down: only $n messages in the spool"
		pg_resume || fail "the server did not start again"
	fi
	i=$((i + 1))
done
[ $slow = 0 ] && ok "all 45 accepted, the slowest in $worst ms (server down or not)" ||
    fail "$slow messages took a second or more (slowest $worst ms)"
wait_for "server back: the spool is replayed, every message once" \
    "SELECT count(*) FROM messages" 47 30
[ "$(count "SELECT sum(messages) FROM customers")" = 47 ] &&
    [ "$(count "SELECT count(*) FROM customers WHERE email LIKE 'c%@customer.test'")" = 45 ] &&
    ok "47 messages counted on 47 customers, none twice" ||
    fail "counts: $(count "SELECT sum(messages), count(*) FROM customers")"
n=$(ls "$tmp/spool" | grep -c '\.msg$' || true)
[ "$n" = 0 ] && ok "the spool is empty" || fail "$n left in the spool"

# ---- a connection killed in the middle of a message ----
# A trigger (ours, for the test) makes the writer sleep after the
# message's first rows, inside its transaction; the backend is killed
# there.
pg_psql "CREATE FUNCTION test_nap() RETURNS trigger LANGUAGE plpgsql AS
    \$\$ BEGIN PERFORM pg_sleep(5); RETURN NULL; END \$\$;
    CREATE TRIGGER test_nap AFTER INSERT ON events FOR EACH ROW
    EXECUTE FUNCTION test_nap()" >/dev/null
before=$(count "SELECT count(*) FROM messages")
send kill-1 kim@customer.test &
spid=$!
i=0
victim=
while [ -z "$victim" ]; do
	victim=$(count "SELECT pid FROM pg_stat_activity
	    WHERE wait_event = 'PgSleep' AND usename = 'clerk'")
	i=$((i + 1))
	[ $i -le 50 ] || fail "no writer ever reached the trigger"
	[ -n "$victim" ] || sleep 0.1
done
inside=$(count "SELECT xact_start IS NOT NULL FROM pg_stat_activity WHERE pid = $victim")
[ "$(count "SELECT pg_terminate_backend($victim)")" = t ] &&
    [ "$inside" = t ] &&
    ok "the writer was killed inside its transaction" ||
    fail "pg_terminate_backend($victim): inside=$inside"
wait $spid || fail "the message whose connection was killed was not accepted"
pg_psql "DROP TRIGGER test_nap ON events; DROP FUNCTION test_nap()" >/dev/null
# the drop above may already let the replay thread in: look at once,
# then again after the replay
half=$(count "SELECT (SELECT count(*) FROM messages WHERE key LIKE '%kill-1%')
    + (SELECT count(*) FROM customers WHERE email = 'kim@customer.test')")
spooled=$(ls "$tmp/spool" | grep -c '\.msg$' || true)
if [ "$half" = 0 ] && [ "$spooled" = 1 ]; then
	ok "killed mid-transaction: nothing of it in the store, it waits in the spool"
elif [ "$half" = 2 ] && [ "$spooled" = 0 ]; then
	# replayed already, in the moment between the drop and the look
	ok "killed mid-transaction: recorded whole from the spool already"
else
	fail "killed mid-transaction: $half rows of it, $spooled spooled"
fi
wait_for "and then recorded once" "SELECT count(*) FROM messages" \
    $((before + 1)) 30
[ "$(count "SELECT messages FROM customers WHERE email = 'kim@customer.test'")" = 1 ] &&
    ok "its customer has one message" ||
    fail "kim: $(count "SELECT messages FROM customers WHERE email = 'kim@customer.test'")"

kill -TERM "$pid"
wait "$pid"
pid=
t_end
