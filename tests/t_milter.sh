#!/bin/sh
# t_milter.sh - clientele-milter end to end with miltertest.
#
# Builds nothing: ./clientele-milter comes from `make all`.  Starts the
# milter in the foreground on a unix socket with a temporary database, runs
# the tests/milter/*.lua scripts against it (known customer gets
# X-Clientele, own mail, auto-reply, oversized and malformed mail, reload by
# SIGUSR1), checks the store, the log, the pid file, -n, -t and -V, then
# restarts it over a stale socket and on TCP (127.0.0.1, a free port).
# Exits non-zero with a message naming the failed check.
set -u

# One directory per run, so that two runs at once (make check while
# another engineer runs it) do not share a socket or a database.
T=tests/tmp/milter/$$
t_name=t_milter t_tmp=$T T_FAIL_FAST=1
. "$(dirname "$0")/lib.sh"
milter_files	# LOG: the current instance's; see start
PIDFILE=$T/milter.pid

cleanup() { milter_stop; }

# the library's fail stops here and calls this
t_cleanup() { cleanup; }

trap cleanup EXIT INT TERM

[ -x "$MILTER" ] || fail "$MILTER is missing: run make all first"
command -v miltertest >/dev/null 2>&1 || fail "miltertest is not installed"

write_conf() {	# write_conf ADDHEADERS
	# the scripts send no owner replies: every sender is a customer at once
	milter_conf "$DB" "CustomerPolicy incoming" "Socket unix:$SOCK" \
	    "MaxScanBytes 65536" "AddHeaders $1" "OnInternalError accept" \
	    "SpoolDir $T/spool"
}

# start SOCKETSPEC [more args]: start the milter in the foreground with a
# log of its own, and wait until it listens
starts=0
start() {
	spec=$1
	shift
	starts=$((starts + 1))
	LOG=$T/milter.$starts.log
	"$MILTER" -f -c "$CONF" -p "$spec" "$@" >>"$LOG" 2>&1 &
	pid=$!
	i=0
	while [ $i -lt 100 ]; do
		kill -0 "$pid" 2>/dev/null || { pid=""; return 1; }
		if grep -q "listening on $spec" "$LOG" 2>/dev/null; then
			return 0
		fi
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

# run NAME [-D...]: one miltertest script against $SOCKSPEC
run() {
	name=$1
	shift
	out=$T/$name.out
	if ! miltertest -D socket="$SOCKSPEC" "$@" -s "tests/milter/$name.lua" \
	    >"$out" 2>&1; then
		cat "$out"
		fail "miltertest $name.lua"
	fi
	kill -0 "$pid" 2>/dev/null || fail "the milter died during $name.lua"
}

# field EMAIL NAME: a number from the store about a customer, or "none"
field() {
	if [ -x ./clientele ]; then
		./clientele --config "$CONF" --db "$DB" show "$1" --format json \
		    2>/dev/null | tr -d '\n' |
		    sed -n "s/.*\"$2\": *\\([0-9A-Za-z:\"-]*\\).*/\\1/p" |
		    tr -d '"' | grep . || echo none
	else
		v=$(sqlite3 "$DB" "SELECT $2 FROM customers WHERE email='$1';")
		echo "${v:-none}"
	fi
}

# --- -V, -n, -t ----------------------------------------------------------
write_conf yes
"$MILTER" -V | grep -q '^clientele-milter [0-9]' || fail "-V prints no version"
ok "-V prints the version"

"$MILTER" -n -c "$CONF" >$T/n.out 2>&1 || { cat $T/n.out; fail "-n rejects a good configuration"; }
ok "-n accepts a good configuration"

{ echo "# broken"; echo "Database $DB"; echo "NoSuchKey 1"; } >$T/bad.conf
if "$MILTER" -n -c $T/bad.conf >$T/nbad.out 2>&1; then
	fail "-n accepted a configuration with an unknown key"
fi
grep -q "bad.conf:3" $T/nbad.out || { cat $T/nbad.out; fail "-n error does not name FILE:LINE"; }
ok "-n rejects a bad configuration with FILE:LINE"

"$MILTER" -n -c "$CONF" -p "inet:notaport@127.0.0.1" >$T/nsock.out 2>&1 &&
    fail "-n accepted a bad socket"
ok "-n rejects a bad socket"

# n_rejects NAME PATTERN: -n on $T/n.conf fails with a line matching PATTERN
n_rejects() {
	if "$MILTER" -n -c $T/n.conf >$T/n2.out 2>&1; then
		cat $T/n2.out
		fail "-n accepted $1"
	fi
	grep -q "$2" $T/n2.out || { cat $T/n2.out; fail "-n: no line for $1 ($2)"; }
	ok "-n rejects $1"
}
if "$MILTER" -n -c $T/no-such.conf >$T/n2.out 2>&1; then
	fail "-n accepted a missing configuration file"
fi
grep -q "no-such.conf: No such file" $T/n2.out || fail "-n: missing file not named"
ok "-n rejects a missing configuration file"
printf 'Database %s\nSpoolDir %s/spool\n' "$DB" "$T" >$T/n.conf
n_rejects "no OwnDomains or OwnAddresses" "n.conf: neither OwnDomains nor OwnAddresses is set"
{ cat $T/n.conf; echo "OwnDomains example.org"; echo "UserID no-such-user-x"; } >$T/n3.conf
mv $T/n3.conf $T/n.conf
n_rejects "an unknown UserID" "n.conf:4: UserID: no user named no-such-user-x"
sed -i 's/^UserID .*/UserID root:no-such-group-x/' $T/n.conf
n_rejects "an unknown UserID group" "n.conf:4: UserID: no group named no-such-group-x"
sed -i 's/^UserID .*/SocketGroup no-such-group-x/' $T/n.conf
n_rejects "an unknown SocketGroup" "n.conf:4: SocketGroup: no group named no-such-group-x"
sed -i 's|^SocketGroup .*|Socket unix:/no-such-dir-x/milter.sock|' $T/n.conf
n_rejects "a socket in a missing directory" "n.conf:4: Socket: the directory of the socket, /no-such-dir-x, does not exist"
sed -i 's|^Socket .*|PidFile /no-such-dir-x/milter.pid|' $T/n.conf
n_rejects "a pid file in a missing directory" "n.conf:4: PidFile: the directory of the pid file, /no-such-dir-x, does not exist"
sed -i 's|^PidFile .*|Database /no-such-dir-x/clientele.db|' $T/n.conf
n_rejects "a database in a missing directory" "n.conf:4: Database: the directory of the database, /no-such-dir-x, does not exist"
if [ "$(id -u)" = 0 ]; then
	# nobody can write neither this test's directory nor a spool of root's
	mkdir -p $T/rootspool && chmod 700 $T/rootspool
	printf 'OwnDomains example.org\nUserID nobody\nDatabase %s\nSpoolDir %s/rootspool\n' \
	    "$DB" "$T" >$T/n.conf
	n_rejects "a database the user cannot write" "n.conf:3: Database: .*nobody"
	grep -q "n.conf:4: SpoolDir: .*rootspool is owned by uid 0, not by nobody" $T/n2.out ||
	    { cat $T/n2.out; fail "-n: no line for a spool of another user"; }
	ok "-n rejects a spool directory the user does not own"
	[ "$(grep -c . $T/n2.out)" = 2 ] || { cat $T/n2.out; fail "-n: one line per problem"; }
	ok "-n prints one line per problem"
	# the pid file is written, and both it and the socket removed, as UserID
	# (a root-owned 0755 directory nobody can reach but not write)
	rr=$(mktemp -d /tmp/clientele-n.XXXXXX) && chmod 755 "$rr" || fail "mktemp"
	mkdir "$rr/nobody" && chown nobody "$rr/nobody" || fail "mkdir"
	printf 'OwnDomains example.org\nUserID nobody\nDatabase %s/nobody/c.db\nSpoolDir %s/nobody/spool\nPidFile %s/m.pid\nSocket unix:%s/m.sock\n' \
	    "$rr" "$rr" "$rr" "$rr" >$T/n.conf
	n_rejects "a pid file directory the user cannot write" "n.conf:5: PidFile: nobody cannot create files in"
	grep -q "n.conf:6: Socket: nobody cannot create files in" $T/n2.out ||
	    { cat $T/n2.out; fail "-n: no line for a socket directory the user cannot write"; }
	ok "-n rejects a socket directory the user cannot write"
	[ "$(grep -c . $T/n2.out)" = 2 ] || { cat $T/n2.out; fail "-n: more than the two problems"; }
	rm -rf "$rr"
else
	echo "not root: the UserID write checks need root (run make check as root)"
	fail "t_milter.sh must run as root for the -n write checks"
fi

"$MILTER" -c "$CONF" -t tests/fixtures/milter-referral.eml >$T/t.out 2>&1 ||
    { cat $T/t.out; fail "-t failed on a fixture"; }
grep -q "milter-referral.eml: incoming" $T/t.out || { cat $T/t.out; fail "-t: not incoming"; }
grep -q "person: robin@customer.test.*sender" $T/t.out || { cat $T/t.out; fail "-t: sender not found"; }
grep -q "referral: dana@customer.test -> robin@customer.test" $T/t.out ||
    { cat $T/t.out; fail "-t: referral not found"; }
grep -q "customer: robin@customer.test" $T/t.out || { cat $T/t.out; fail "-t: no customer line"; }
grep -qx "  header: X-Clientele: status=customer; category=ok; referrals=0; tags=enquiry,referred" $T/t.out ||
    { cat $T/t.out; fail "-t: no header line"; }
[ ! -e "$DB" ] || fail "-t created the database"
"$MILTER" -c "$CONF" -t $T/no-such.eml >/dev/null 2>&1 && fail "-t succeeded on a missing file"
ok "-t prints the facts and records nothing"

# --- unix socket ---------------------------------------------------------
SOCKSPEC=unix:$SOCK
start "$SOCKSPEC" -P "$PIDFILE" || fail "the milter did not start on $SOCKSPEC"
[ "$(cat "$PIDFILE" 2>/dev/null)" = "$pid" ] || fail "pid file does not hold $pid"
[ "$(stat -c %a "$PIDFILE" 2>/dev/null)" = 600 ] || fail "pid file is not owner-only (0600)"
ok "started on $SOCKSPEC with a pid file"

run known
ok "known customer gets X-Clientele, a forged one is removed"
[ "$(field dana@customer.test messages)" = 2 ] ||
    fail "store: dana should have 2 messages, has $(field dana@customer.test messages)"
grep -q "known2: customer=dana@customer.test category=" "$LOG" ||
    fail "no log line for known2"
ok "store and log know the customer"

run outgoing
[ "$(field sam@newclient.test last_seen)" != none ] ||
    fail "store: outgoing mail did not record sam@newclient.test"
[ "$(field owner@example.org messages)" = none ] ||
    fail "store: the owner became a customer"
ok "outgoing mail: no header, recipient's last contact recorded"

run autoreply
[ "$(field pat@customer.test messages)" = none ] ||
    fail "store: an auto-reply made pat a customer"
grep -q "auto1: ignored (" "$LOG" || fail "no 'ignored' log line for the auto-reply"
ok "auto-reply ignored"

run oversized
ok "oversized message accepted"

run malformed
ok "malformed messages accepted"

run forged -D copies=3000 -D who=kim@customer.test
grep -q "forged2-kim@customer.test.*: removed 3000 forged X-Clientele fields" "$LOG" ||
    fail "not every one of 3000 forged X-Clientele fields was removed"
ok "3000 forged X-Clientele fields (any case) are all removed"

write_conf no
run reload -D pid="$pid"
grep -q "configuration reloaded" "$LOG" || fail "no reload logged"
ok "SIGUSR1 reloads the configuration without dropping the connection"

run forged -D copies=70 -D who=lou@customer.test -D add=no
grep -q "forged2-lou@customer.test.*: removed 70 forged X-Clientele fields" "$LOG" ||
    fail "AddHeaders no: the 70 forged X-Clientele fields were not all removed"
ok "AddHeaders no still removes forged X-Clientele fields"

kill -USR1 "$pid"
sleep 0.3
kill -0 "$pid" 2>/dev/null || fail "a second SIGUSR1 killed the milter"
kill -TERM "$pid"
wait "$pid"
rc=$?
pid=""
[ $rc -eq 0 ] || fail "SIGTERM: exit status $rc"
[ ! -e "$PIDFILE" ] || fail "pid file left behind after SIGTERM"
ok "SIGTERM stops cleanly and removes the pid file"

# --- a stale unix socket is replaced -------------------------------------
write_conf yes
start "$SOCKSPEC" || fail "restart on $SOCKSPEC"
kill -KILL "$pid"
wait "$pid" 2>/dev/null
pid=""
[ -S "$SOCK" ] || fail "expected a stale socket after SIGKILL"
start "$SOCKSPEC" || fail "the milter did not start over a stale socket"
run inet -D qid=stale1
cleanup
ok "starts over a stale unix socket"

# --- the store cannot be opened: the mail is spooled and accepted even
# with OnInternalError tempfail; if the spool cannot take it either
# (SpoolDir is a file), OnInternalError decides.  t_spool.sh tests the
# spool itself.
: >"$T/not-a-dir"
for action in accept tempfail; do
	write_conf yes
	spool=$T/storefail-spool
	[ $action = tempfail ] && spool=$T/not-a-dir
	sed -i -e "s#^Database .*#Database $T/no-such-dir/clientele.db#" \
	    -e "s#^OnInternalError .*#OnInternalError tempfail#" \
	    -e "s#^SpoolDir .*#SpoolDir $spool#" "$CONF"
	start "$SOCKSPEC" || fail "start with a broken Database"
	run storefail -D expect=$action
	grep -q "storefail-$action: .*; $action" "$LOG" ||
	    fail "the store failure was not logged with '$action'"
	[ $action = tempfail ] || [ "$(ls "$spool" | wc -l)" = 1 ] ||
	    fail "the message was not spooled"
	cleanup
	ok "store failure: $action"
done
write_conf yes

# --- TCP on 127.0.0.1, a free port ----------------------------------------
port=$((20000 + $$ % 20000))
tries=0
while :; do
	SOCKSPEC=inet:$port@127.0.0.1
	start "$SOCKSPEC" && break
	tries=$((tries + 1))
	[ $tries -lt 5 ] || fail "could not start on a TCP port"
	port=$((port + 7))
done
run inet -D qid=inet1
cleanup
ok "works over TCP ($SOCKSPEC)"

[ "$(field dana@customer.test messages)" = 6 ] ||
    fail "store: dana should have 6 messages, has $(field dana@customer.test messages)"
ok "store counted every message"

# --- the open-file limit ---------------------------------------------------
# start under a soft limit of 64 and a hard one of 4096: raised to 4096
write_conf yes
sed -i 's/^LogLevel info/LogLevel debug/' "$CONF"
LOG=$T/milter.nofile.log
milter_start prlimit --nofile=64:4096 "$MILTER" -f -c "$CONF" \
    -p "$SOCKSPEC" || fail "the milter did not start under prlimit"
soft=$(awk '/^Max open files/ { print $4 }' /proc/$pid/limits)
[ "$soft" = 4096 ] || fail "the soft open-file limit is $soft, expected 4096"
grep -q "4096 file descriptors: room for about 4064 MTA connections" "$LOG" ||
	fail "no log line for the descriptor limit"
run inet -D qid=nofile1
cleanup
ok "raises the soft open-file limit to the hard one (64 -> 4096)"
# a hard limit too low to be of use is said so
LOG=$T/milter.nofile2.log
milter_start prlimit --nofile=40:40 "$MILTER" -f -c "$CONF" \
    -p "$SOCKSPEC" || fail "the milter did not start under a hard limit of 40"
grep -q "only 40 file descriptors (RLIMIT_NOFILE): raise it" "$LOG" ||
	fail "no warning for a low open-file limit"
cleanup
ok "warns when the open-file limit leaves no room"

rm -rf "$T"
t_end
