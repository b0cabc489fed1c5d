#!/bin/sh
# t_spool_postfix.sh - a store locked for 20 s under live mail through
# Postfix: no message waits, no fact is lost, none waits for more mail.
#
# A private Postfix (scripts/postfix-lab.sh) with ./clientele-milter as its
# milter.  After one message has created the store, another process holds
# the store's write lock (sqlite3, BEGIN EXCLUSIVE) for 20 seconds while
# swaks sends ten messages from ten new senders, one every two seconds.
# Checked:
#   - each message is accepted by Postfix in under 2 s and all ten reach
#     smtp-sink while the lock is still held (mail is not delayed);
#   - the ten wait in the spool meanwhile;
#   - after the lock is released, with no further mail, all ten senders
#     are in the store within 30 s (the milter's replay timer), and the
#     spool is empty.
# Prints the time from release to the last fact stored.  Needs root
# (Postfix), swaks and sqlite3; everything under tests/tmp/spool-postfix.
set -u
t_name=t_spool_postfix t_tmp=tests/tmp/spool-postfix T_FAIL_FAST=1
. "$(dirname "$0")/lib.sh"
LAB=$tmp
LOG=$LAB/log/milter.log
LABSH="sh $top/scripts/postfix-lab.sh"
DB=$LAB/clientele.db
CONF=$LAB/clientele.conf
SPOOL=$LAB/spool
lockpid=""

# on every exit (fail's included): the lock and the lab go
cleanup() {
	lock_kill
	$LABSH stop "$LAB"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

[ "$(id -u)" = 0 ] || fail "needs root to run a private Postfix"
need swaks sqlite3
built ./clientele-milter ./clientele

# in_store - how many of sender0..sender10 the store knows
in_store() {
	k=0
	for j in 0 1 2 3 4 5 6 7 8 9 10; do
		./clientele --config "$CONF" show "sender$j@customer.test" \
			>/dev/null 2>&1 && k=$((k + 1))
	done
	echo "$k"
}

MPORT=$($LABSH free-port $((31000 + ($$ * 7) % 20000))) || fail "no free port"
MSOCK="inet:$MPORT@127.0.0.1"
cat >"$CONF" <<EOF
# tests/t_spool_postfix.sh
Database        $DB
SpoolDir        $SPOOL
OwnDomains      brightdesk.example
Socket          $MSOCK
Syslog          no
EOF
chmod 644 "$CONF"
./clientele-milter -n -c "$CONF" >"$LAB/check.out" 2>&1 ||
	fail "-n rejects the test configuration: $(cat "$LAB/check.out")"

$LABSH start "$LAB" --milter "$MSOCK" >/dev/null || fail "the lab did not start"
$LABSH spawn "$LAB" milter "$top/clientele-milter" -f -c "$CONF" ||
	fail "clientele-milter did not start"
$LABSH wait-socket "$MSOCK" 20 || fail "clientele-milter does not listen"
. "$LAB/lab.env"

# send N - one message from senderN; fails unless accepted within 2 s
send() {
	t0=$(now_ms)
	timeout 30 swaks --silent 2 --server "127.0.0.1:$SMTP_PORT" \
		--from "sender$1@customer.test" --to sam@brightdesk.example \
		--header "Subject: question $1" \
		--header "Message-ID: <spool-postfix-$1@customer.test>" \
		--body "Hello, could you quote for a logo? ($1)" \
		>"$LAB/swaks.$1.log" 2>&1 ||
		{ cat "$LAB/swaks.$1.log"; fail "message $1 was not accepted"; }
	ms=$(($(now_ms) - t0))
	[ "$ms" -lt 2000 ] || fail "message $1 took $ms ms to be accepted"
}

send 0
$LABSH wait "$LAB" 1 30 || fail "the first message was not delivered"
[ -f "$DB" ] || fail "the first message did not create the store"

lock_store "$DB" "$LAB"
locked_at=$(now_ms)

n=1
while [ $n -le 10 ]; do
	send "$n"
	n=$((n + 1))
	sleep 1.5
done
$LABSH wait "$LAB" 11 10 || fail "mail was held up while the store was locked"
held=$(($(now_ms) - locked_at))
[ "$held" -lt 20000 ] || fail "sending took ${held} ms: the lock was not held throughout"
depth=$(./clientele --config "$CONF" spool | sed -n 's/^\([0-9]*\) .*/\1/p')
[ "$depth" = 10 ] || fail "the spool holds '$depth' messages, expected 10"
ok "10 messages accepted (< 2 s each) and delivered under the lock; 10 spooled"

# release after 20 s of lock, then send nothing more
sleep $(( (20000 - held) / 1000 ))
unlock_store
released=$(now_ms)
ok "the store was locked for $(( (released - locked_at) / 1000 )) s"

until [ "$(in_store)" = 11 ]; do
	[ $(($(now_ms) - released)) -lt 30000 ] ||
		fail "only $(in_store) of 11 senders in the store 30 s after the release"
	sleep 0.25
done
took=$(($(now_ms) - released))
depth=$(./clientele --config "$CONF" spool | sed -n 's/^\([0-9]*\) .*/\1/p')
[ "$depth" = 0 ] || fail "the spool still holds $depth messages"
ok "every fact in the store ${took} ms after the release, no further mail"
t_end
