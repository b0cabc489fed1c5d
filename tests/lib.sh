# lib.sh - the prologue every tests/t_*.sh script sources.
#
# A script names itself and sources this file:
#
#	t_name=t_cli
#	. "$(dirname "$0")/lib.sh"
#
# which moves to the top of the tree and sets
#	top     the top of the tree (the current directory from then on)
#	bin     ./clientele,  milter  ./clientele-milter
#	tmp     tests/tmp/$t_name (or $t_tmp, under the top, when set),
#	        emptied and made
#	mbox    maildir   the studio's mail (see studio_conf and t_cli.sh):
#	        a week of it in one mbox, and a Maildir
#	fails   checks   counters, 0
# and defines the checks below.  A script ends with `t_end`, whose status
# is the script's.
#
# Two ways to fail.  By default `fail` counts, says FAIL and goes on (the
# command's scripts: one run shows every difference).  With T_FAIL_FAST=1
# (the milter's scripts, where one failure makes what follows meaningless)
# it shows the last lines of $LOG, calls t_cleanup (a script may define
# one: stop what it started) and exits 1.
#
# The want_* checks read what `cl` left: stdout in $tmp/out, stderr in
# $tmp/err, the exit status in $rc.  cl runs ./clientele with $conf
# (default $tmp/clientele.conf) and $db (default $tmp/clientele.db).

set -u
cd "$(dirname "$0")/.." || exit 1
top=$(pwd)
bin=$top/clientele
milter=$top/clientele-milter
tmp=$top/${t_tmp:-tests/tmp/$t_name}
conf=$tmp/clientele.conf
db=$tmp/clientele.db
mbox=tests/fixtures/mbox/brightdesk.mbox
maildir=tests/fixtures/maildir
fails=0
checks=0
rc=0
T_FAIL_FAST=${T_FAIL_FAST:-0}
rm -rf "$tmp"
mkdir -p "$tmp"

# t_cleanup - stop what the script started; scripts that start processes
# define their own after sourcing this file
t_cleanup() { :; }

# fail WHAT - a failed check (see above for fail-fast)
fail() {
	checks=$((checks + 1))
	fails=$((fails + 1))
	echo "FAIL: $*"
	[ "$T_FAIL_FAST" = 1 ] || return 0
	if [ -n "${LOG:-}" ] && [ -f "$LOG" ]; then
		echo "--- log $LOG (last 30 lines):"
		tail -n 30 "$LOG"
	fi
	t_cleanup
	exit 1
}

# ok [WHAT] - a passed check; said as "ok N - WHAT" when WHAT is given
ok() {
	checks=$((checks + 1))
	[ $# -eq 0 ] || echo "ok $((checks - fails)) - $*"
}

# need CMD... - the commands must be installed
need() {
	for c in "$@"; do
		command -v "$c" >/dev/null 2>&1 && continue
		echo "$t_name: $c is not installed"
		exit 1
	done
}

# built PROGRAM... - the programs must have been built (make all)
built() {
	for p in "$@"; do
		[ -x "$p" ] && continue
		echo "$t_name: no $p; run make first"
		exit 1
	done
}

# cl ARGS... - run the command; stdout in $tmp/out, stderr in $tmp/err, $rc
cl() {
	"$bin" -c "$conf" --db "$db" "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
}

# want_rc N WHAT - the last command exited N
want_rc() {
	if [ "$rc" -eq "$1" ]; then
		ok
	else
		fail "$2: exit $rc, want $1"
		sed 's/^/    err: /' "$tmp/err"
	fi
}

# want_same WHAT FILE < expected - FILE (under $tmp) is exactly the text
want_same() {
	cat > "$tmp/want"
	if cmp -s "$tmp/want" "$tmp/$2"; then
		ok
	else
		fail "$1: $3 differs"
		diff -u "$tmp/want" "$tmp/$2" | sed 's/^/    /'
	fi
}

# want_out WHAT < expected - stdout is exactly the expected text
want_out() { want_same "$1" out stdout; }
# want_err WHAT < expected - stderr is exactly the expected text
want_err() { want_same "$1" err stderr; }

# t_grep WHAT FILE PATTERN OPTION [no] - PATTERN (grep OPTION) is in FILE
# under $tmp, or with "no" is not
t_grep() {
	if grep -q "$4" -- "$3" "$tmp/$2"; then found=yes; else found=no; fi
	if [ "${5:-}" = no ] && [ "$found" = yes ]; then
		fail "$1: unexpected '$3' in $2"
	elif [ "${5:-}" != no ] && [ "$found" = no ]; then
		fail "$1: no '$3' in $2"
	else
		ok
		return 0
	fi
	sed 's/^/    /' "$tmp/$2"
}

# want_grep WHAT FILE REGEXP - a line of FILE matches the extended regexp
want_grep() { t_grep "$1" "$2" "$3" -E; }
# want_nogrep WHAT FILE REGEXP - no line of FILE matches the extended regexp
want_nogrep() { t_grep "$1" "$2" "$3" -E no; }
# want_fgrep / want_nofgrep WHAT FILE STRING - FILE has / lacks the string
want_fgrep() { t_grep "$1" "$2" "$3" -F; }
want_nofgrep() { t_grep "$1" "$2" "$3" -F no; }

# has / hasnt FILE REGEXP - FILE (any path) has / lacks a matching line
has() { if grep -q -- "$2" "$1"; then ok; else fail "$1 lacks '$2'"; fi; }
hasnt() { if grep -q -- "$2" "$1"; then fail "$1 has '$2'"; else ok; fi; }

# conf_lines FILE LINE... - FILE holds the LINEs, one a line (a
# configuration: a later scalar key overrides an earlier one)
conf_lines() {
	f=$1
	shift
	printf '%s\n' "$@" > "$f"
}

# studio_conf [LINE...] - $conf for Sam's studio, whose mail the fixtures
# hold: own domain brightdesk.example and address sam@brightdesk.example,
# the shipped rules, and CustomerPolicy incoming (the fixture mail holds
# no replies of Sam's: every sender counts); then the LINEs
studio_conf() {
	conf_lines "$conf" "OwnDomains brightdesk.example" \
	    "OwnAddresses sam@brightdesk.example" \
	    "RulesFile $top/conf/rules.conf" "CustomerPolicy incoming" "$@"
}

# The milter scripts run from the top of the tree in a directory of their
# own per run, T (relative: tests/tmp/NAME/$$, given to lib.sh as t_tmp),
# so that two runs at once share no socket or database.
#
# milter_files - names under $T: CONF, DB, LOG (the milter's output),
# SOCK (a unix socket); MILTER the program; pid (milter_start's) empty
milter_files() {
	CONF=$T/clientele.conf
	DB=$T/clientele.db
	LOG=$T/milter.log
	SOCK=$T/sock
	MILTER=./clientele-milter
	pid=""
}

# milter_conf DATABASE [LINE...] - $CONF for the milter scripts: the owner
# owner@example.org (and example.org), DATABASE, the shipped rules, log
# level info and no syslog; then the LINEs
milter_conf() {
	d=$1
	shift
	conf_lines "$CONF" "Database $d" "OwnDomains example.org" \
	    "OwnAddresses owner@example.org" "RulesFile conf/rules.conf" \
	    "LogLevel info" "Syslog no" "$@"
}

# now_ms - the time in milliseconds
now_ms() { echo $(($(date +%s%N) / 1000000)); }

# milter_start CMD... - run CMD (clientele-milter -f ..., perhaps behind
# a wrapper such as prlimit) in the background, its output added to $LOG,
# its pid in $pid; returns 0 once $LOG says "listening on" once more than
# before, within 10 s, and 1 if the process ends or never says so.
milter_start() {
	touch "$LOG"
	n=$(grep -c "listening on" "$LOG")
	"$@" >>"$LOG" 2>&1 &
	pid=$!
	i=0
	while [ $i -lt 100 ]; do
		kill -0 "$pid" 2>/dev/null || { pid=""; return 1; }
		[ "$(grep -c "listening on" "$LOG")" -gt "$n" ] && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

# log_wait PATTERN [TRIES] - true once a line of $LOG matches PATTERN
# (grep), looked for every 0.1 s; false after TRIES looks (default 100)
log_wait() {
	i=0
	until grep -q -- "$1" "$LOG"; do
		i=$((i + 1))
		[ $i -lt "${2:-100}" ] || return 1
		sleep 0.1
	done
}

# milter_stop - end the process milter_start started, if it still runs
milter_stop() {
	if [ -n "${pid:-}" ] && kill -0 "$pid" 2>/dev/null; then
		kill -TERM "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
	fi
	pid=""
}

# lock_store DB DIR - another process holds DB's write lock until
# unlock_store: sqlite3 reading the fifo DIR/lock (file descriptor 3 of
# this shell writes to it), its output in DIR/lock.out, its pid in
# $lockpid.  It waits up to 10 s for whoever writes now (the milter may
# hold the store for a moment), then takes BEGIN EXCLUSIVE; fails unless
# the lock is seen held within 10 s.  Needs sqlite3.
lock_store() {
	mkfifo "$2/lock" || fail "mkfifo $2/lock"
	sqlite3 "$1" <"$2/lock" >"$2/lock.out" 2>&1 &
	lockpid=$!
	exec 3>"$2/lock"
	echo '.timeout 10000' >&3
	echo 'BEGIN EXCLUSIVE;' >&3
	i=0
	while sqlite3 -cmd '.timeout 0' "$1" 'BEGIN IMMEDIATE; ROLLBACK;' \
	    >/dev/null 2>&1; do
		i=$((i + 1))
		[ $i -lt 100 ] || fail "could not lock $1"
		sleep 0.1
	done
}

# unlock_store - release the lock: sqlite3 reads the end of its input,
# rolls back and exits
unlock_store() {
	exec 3>&-
	[ -z "${lockpid:-}" ] || wait "$lockpid"
	lockpid=""
}

# lock_kill - on clean-up: end the locking process, if any, at once
lock_kill() {
	exec 3>&- 2>/dev/null
	if [ -n "${lockpid:-}" ]; then
		kill "$lockpid" 2>/dev/null
		wait "$lockpid" 2>/dev/null
	fi
	lockpid=""
}

# t_end - the summary line; the script's status
t_end() {
	echo "$t_name: $checks checks, $fails failed"
	[ "$fails" -eq 0 ]
}
