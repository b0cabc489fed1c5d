#!/bin/sh
# t_fdlimit.sh - clientele-milter under a low descriptor limit.
#
# Starts the milter in the foreground on 127.0.0.1 (a free port) under
# `prlimit --nofile=64:64` with a fresh database and MilterTimeout 4.
# flood.lua sends a message and, before its end, has tests/fdflood.py open
# more idle TCP connections than the limit allows: the message must still
# get a verdict and X-Clientele (the store opens for the first time then,
# into the descriptors the milter keeps in reserve), the milter must say
# descriptors are short and not give up listening.  Once the idle peers
# go away a new session is filtered normally and the store holds every
# message.
set -u

T=tests/tmp/fdlimit/$$
t_name=t_fdlimit t_tmp=$T T_FAIL_FAST=1
. "$(dirname "$0")/lib.sh"
milter_files
LIMIT=64
IDLE=120
fpid=""

t_cleanup() { milter_stop; }
trap milter_stop EXIT INT TERM

built "$MILTER"
need miltertest prlimit python3

milter_conf "$DB" "CustomerPolicy incoming" "AddHeaders yes" \
    "OnInternalError accept" "SpoolDir $T/spool" "MilterTimeout 4"

# start under the limit on a free TCP port
port=$((20000 + ($$ + 3) % 20000))
tries=0
while :; do
	SOCKSPEC=inet:$port@127.0.0.1
	milter_start prlimit --nofile=$LIMIT:$LIMIT "$MILTER" -f -c "$CONF" \
	    -p "$SOCKSPEC" && break
	milter_stop
	tries=$((tries + 1))
	[ $tries -lt 5 ] || fail "the milter did not start on a TCP port"
	port=$((port + 11))
done
soft=$(awk '/^Max open files/ { print $4 }' /proc/$pid/limits)
[ "$soft" = $LIMIT ] || fail "the open-file limit is $soft, not $LIMIT"
ok "started under a limit of $LIMIT descriptors on $SOCKSPEC"

# dana becomes a known customer, then a reload makes the next message
# open the store again
miltertest -D socket="$SOCKSPEC" -s tests/milter/known.lua \
    >$T/before.out 2>&1 || fail "miltertest known.lua before the flood"
kill -USR1 "$pid"
log_wait "configuration reloaded" || fail "no reload"
ok "a first session is filtered; configuration reloaded"

# a message whose end comes while idle connections hold every descriptor
# the milter lets connections have: the store is opened again then
READY=$T/flood.ready
FLOOD_OUT=$T/flood.out
miltertest -D socket="$SOCKSPEC" -D qid=flood1 -D ready="$READY" \
    -D flood="python3 tests/fdflood.py $port $IDLE $READY 5 >$FLOOD_OUT" \
    -s tests/milter/flood.lua >$T/flood.lua.out 2>&1 || {
	cat $T/flood.lua.out
	fail "miltertest flood.lua: no verdict under descriptor pressure"
}
kill -0 "$pid" 2>/dev/null || fail "the milter died under descriptor pressure"
opened=$(cat "$READY")
[ "$opened" -ge $LIMIT ] ||
    fail "only $opened idle connections opened: the limit was not reached"
ok "a verdict and X-Clientele with $opened idle connections open"

# the milter lived through it, kept the reserve and said so
grep -q "file descriptors are short: new MTA connections wait" "$LOG" ||
    fail "no warning that descriptors were short"
grep -q "flood1: customer=dana@customer.test" "$LOG" ||
    fail "no verdict logged for flood1"
ok "descriptors short: warned, the verdict logged"

# the idle peers go away (libmilter built with a worker pool, as Debian's,
# looks for idle sessions only every ten minutes, whatever MilterTimeout
# says); every connection that waited in the backlog is then served
i=0
until [ -s "$FLOOD_OUT" ]; do
	i=$((i + 1))
	[ $i -lt 300 ] || fail "fdflood.py did not finish"
	sleep 0.1
done
kill -0 "$pid" 2>/dev/null || fail "the milter died after the idle connections"
ok "the milter stays up ($(cat "$FLOOD_OUT"))"

# a later session is filtered normally
miltertest -D socket="$SOCKSPEC" -D qid=after1 -s tests/milter/inet.lua \
    >$T/inet.out 2>&1 || {
	cat $T/inet.out
	fail "miltertest inet.lua after the idle connections"
}
ok "a later session gets X-Clientele"
milter_stop

# every message's facts are in the store (a spooled one replays first)
n=$(./clientele --config "$CONF" --db "$DB" show dana@customer.test \
    --format json 2>/dev/null | tr -d '\n' |
    sed -n 's/.*"messages": *\([0-9]*\).*/\1/p')
[ "$n" = 4 ] || fail "the store holds ${n:-no} messages from dana, not 4"
ok "the store holds all four messages"
t_end
