#!/bin/sh
# t_units.sh - the shipped systemd units, checked without systemd as PID 1.
#
# The units are generated from contrib/systemd/*.in (as `make install`
# does) with this tree's programs, then:
#   - `systemd-analyze verify` says nothing about them;
#   - `systemd-analyze security --offline` rates the milter at most 2.0
#     and the digest at most 5.0 (the digest cannot have NoNewPrivileges:
#     its unit says why);
#   - the milter's ExecStartPre and ExecStart lines run as they would under
#     the unit: as an unprivileged user (nobody stands in for clientele,
#     which `make check` does not create) with no new privileges
#     (setpriv --no-new-privs), in a mount namespace (unshare -m) where
#     everything of the test is read-only except the state directory, as
#     ProtectSystem=strict plus StateDirectory= leave it.  It records a
#     message in the database, and spools one while the store is locked,
#     both under the state directory;
#   - with the milter stopped, a report reads the store from a state
#     directory mounted read-only (no -shm can be made there);
#   - the digest's ExecStart line runs the same way, milter stopped: it
#     reads the store, hands the digest to Sendmail (here a script that
#     keeps what it is given; t_package.sh uses Postfix's real sendmail)
#     and records what it sent.
# Needs root (setpriv, unshare), miltertest, sqlite3, systemd-analyze.
# A failed check ends the script (T_FAIL_FAST, see lib.sh), showing the end
# of the milter's log.
t_name=t_units T_FAIL_FAST=1
. "$(dirname "$0")/lib.sh"
W=""
pid=""

# unit_milter_stop - stop the milter as_unit started in the background.
# $! is the background subshell, not the milter (dash does not exec the
# last command of a function), so killing $pid alone left the milter
# running as an orphan: it is found by its configuration's path, which
# is this run's own.  Returns 1 if it is still there after 5 s.
unit_milter_stop() {
	conf_pat="clientele-milter -f -c $W/etc/clientele/clientele.conf"
	if [ -n "$pid" ]; then
		kill "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
	fi
	pid=""
	[ -n "$W" ] || return 0
	pkill -TERM -f -- "$conf_pat" 2>/dev/null
	i=0
	while pgrep -f -- "$conf_pat" >/dev/null 2>&1; do
		i=$((i + 1))
		[ $i -lt 50 ] || return 1
		sleep 0.1
	done
	return 0
}

t_cleanup() {
	unit_milter_stop
	lock_kill
	[ -n "$W" ] && rm -rf "$W"
}
trap t_cleanup EXIT
trap 'exit 1' INT TERM HUP

[ "$(id -u)" = 0 ] || fail "needs root (setpriv, unshare)"
need systemd-analyze setpriv unshare miltertest sqlite3

# A directory nobody can reach (this tree may sit under /root, 0700), with
# copies of the programs, laid out like the installed system.
W=$(mktemp -d /var/tmp/clientele-units.XXXXXX) || fail "mktemp"
LOG=$W/milter.log
chmod 755 "$W"
mkdir -p "$W/bin" "$W/etc/clientele" "$W/state" "$W/units"
cp clientele clientele-milter "$W/bin/" || fail "build first (make all)"
chown nobody:nogroup "$W/state"
chmod 750 "$W/state"
make -s contrib CONTRIB_OUT="$W/units" BINDIR="$W/bin" SBINDIR="$W/bin" \
	SYSCONFDIR="$W/etc" >/dev/null || fail "make contrib"
U=$W/units/systemd

# --- static checks -------------------------------------------------------
out=$(cd "$U" && systemd-analyze verify --man=no clientele-milter.service \
	clientele-digest.service clientele-digest.timer 2>&1) ||
	{ echo "$out"; fail "systemd-analyze verify failed"; }
[ -z "$out" ] || { echo "$out"; fail "systemd-analyze verify complained"; }
ok "systemd-analyze verify: no complaint about the three units"

# exposure UNIT - the overall exposure systemd-analyze gives it, e.g. 1.1
exposure() {
	(cd "$U" && systemd-analyze security --offline=true "$1" 2>/dev/null) |
		sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p'
}
m=$(exposure clientele-milter.service)
d=$(exposure clientele-digest.service)
[ -n "$m" ] && [ -n "$d" ] || fail "no exposure level from systemd-analyze security"
awk -v m="$m" -v d="$d" 'BEGIN { exit !(m <= 2.0 && d <= 5.0) }' ||
	fail "exposure too high: milter $m (max 2.0), digest $d (max 5.0)"
ok "systemd-analyze security: milter $m, digest $d"
grep -q '^NoNewPrivileges=yes' "$U/clientele-milter.service" ||
	fail "the milter unit lost NoNewPrivileges"
for o in NoNewPrivileges SystemCallFilter SystemCallArchitectures \
    RestrictAddressFamilies RestrictNamespaces PrivateDevices \
    ProtectKernelTunables ProtectKernelModules ProtectKernelLogs ProtectClock \
    MemoryDenyWriteExecute RestrictRealtime RestrictSUIDSGID LockPersonality \
    DynamicUser PrivateUsers; do
	grep -q "^$o=" "$U/clientele-digest.service" &&
		fail "the digest unit sets $o, which stops postdrop"
done
grep -q '^TimeoutStartSec=' "$U/clientele-digest.service" ||
	fail "the digest unit has no start timeout"
ok "the digest unit sets nothing that implies NoNewPrivileges, and has a timeout"

# --- the milter as its unit runs it ---------------------------------------
MPORT=$(sh scripts/postfix-lab.sh free-port $((33000 + ($$ * 7) % 20000))) ||
	fail "no free port"
cat >"$W/etc/clientele/clientele.conf" <<EOF
# tests/t_units.sh: the shipped defaults, moved under $W
Database        $W/state/clientele.db
SpoolDir        $W/state/spool
OwnDomains      example.org
Socket          inet:$MPORT@127.0.0.1
Syslog          no
DigestTo        owner@example.org
Sendmail        $W/bin/fake-sendmail
EOF
chmod 644 "$W/etc/clientele/clientele.conf"

# unit_line UNIT KEY - the command of that line, '-' prefix removed
unit_line() {
	sed -n "s/^$2=-\{0,1\}//p" "$U/$1" | head -n 1
}

# as_unit RW_DIR COMMAND... - COMMAND as nobody, no new privileges, with $W
# read-only except RW_DIR ("" for none)
as_unit() {
	rw=$1
	shift
	unshare -m sh -c '
		w=$1; rw=$2; shift 2
		mount --make-rprivate / &&
		if [ -n "$rw" ]; then mount --bind "$rw" "$rw"; fi &&
		mount --rbind "$w" "$w" && mount -o remount,bind,ro "$w" "$w" &&
		exec setpriv --reuid=nobody --regid=nogroup --clear-groups \
			--no-new-privs "$@"' sh "$W" "$rw" "$@"
}

pre=$(unit_line clientele-milter.service ExecStartPre)
start=$(unit_line clientele-milter.service ExecStart)
# shellcheck disable=SC2086
as_unit "$W/state" $pre >"$W/pre.out" 2>&1 ||
	{ cat "$W/pre.out"; fail "ExecStartPre (-n) fails as the unit's user"; }
ok "ExecStartPre: $pre"
# shellcheck disable=SC2086
as_unit "$W/state" $start >"$W/milter.log" 2>&1 &
pid=$!
sh scripts/postfix-lab.sh wait-socket "inet:$MPORT@127.0.0.1" 20 ||
	fail "the milter does not listen"
miltertest -D socket="inet:$MPORT@127.0.0.1" -D id=unit1 \
	-D from=ann@customer.test -s tests/milter/spool.lua >"$W/m1.out" 2>&1 ||
	{ cat "$W/m1.out"; fail "miltertest against the unit's milter"; }
[ -f "$W/state/clientele.db" ] || fail "no database in the state directory"
[ "$(stat -c %U "$W/state/clientele.db")" = nobody ] ||
	fail "the database is not the unit user's"
ok "ExecStart: the milter records mail in StateDirectory as its user"

# the store locked: the message goes to the spool under the state dir
lock_store "$W/state/clientele.db" "$W"
miltertest -D socket="inet:$MPORT@127.0.0.1" -D id=unit2 \
	-D from=bob@customer.test -D header=no -s tests/milter/spool.lua \
	>"$W/m2.out" 2>&1 || { cat "$W/m2.out"; fail "miltertest while locked"; }
unlock_store
grep -q "unit2: store not used .*spooled" "$W/milter.log" ||
	fail "the message was not spooled under the unit's restrictions"
ok "ExecStart: with the store locked the message is spooled in StateDirectory"
i=0
until ./clientele --config "$W/etc/clientele/clientele.conf" show \
    bob@customer.test >/dev/null 2>&1; do
	i=$((i + 1))
	[ $i -lt 300 ] || fail "the spooled message never reached the store"
	sleep 0.1
done
ok "the spool is replayed into the store once the lock is gone"
unit_milter_stop || fail "the milter did not stop"
ok "the milter is stopped (no process of this run's configuration left)"

# --- the digest as its unit runs it, milter stopped -----------------------
cat >"$W/bin/fake-sendmail" <<EOF
#!/bin/sh
# keeps its arguments and the message, as Postfix's sendmail would queue it
echo "\$*" >$W/sent.args && cat >$W/sent.eml
EOF
chmod 755 "$W/bin/fake-sendmail"
: >"$W/sent.args" && : >"$W/sent.eml" && chmod 666 "$W/sent.args" "$W/sent.eml"
# sqlite3 leaves no -wal or -shm behind when it closes: the hard case
rm -f "$W/state/clientele.db-wal" "$W/state/clientele.db-shm"
# a report from a read-only state directory, milter stopped (the reader
# cannot create the -shm index; before the fix: "unreadable or corrupt");
# every contact, since ann is a prospect under the default two-way policy
# shellcheck disable=SC2086
as_unit "" "$W/bin/clientele" -c "$W/etc/clientele/clientele.conf" \
	customers --status all >"$W/ro.out" 2>&1 ||
	{ cat "$W/ro.out"; fail "a report from a read-only store failed"; }
grep -q "ann@customer.test" "$W/ro.out" ||
	{ cat "$W/ro.out"; fail "the read-only report does not list ann"; }
ok "a report reads the store from a read-only directory with the milter stopped"

dstart=$(unit_line clientele-digest.service ExecStart)
# the digest writes what it covered into the store (ReadWritePaths=);
# $W/sent.* stay writable for the stand-in sendmail
mount_sent() {
	unshare -m sh -c '
		w=$1; shift
		mount --make-rprivate / &&
		mount --bind "$w/sent.args" "$w/sent.args" &&
		mount --bind "$w/sent.eml" "$w/sent.eml" &&
		mount --bind "$w/state" "$w/state" &&
		mount --rbind "$w" "$w" && mount -o remount,bind,ro "$w" "$w" &&
		exec setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"' \
		sh "$W" "$@"
}
# shellcheck disable=SC2086
mount_sent $dstart >"$W/digest.out" 2>&1 ||
	{ cat "$W/digest.out"; fail "the digest's ExecStart failed"; }
grep -q "owner@example.org" "$W/sent.args" ||
	fail "the digest did not reach sendmail with DigestTo"
grep -q "^Subject: clientele" "$W/sent.eml" ||
	fail "sendmail was not handed the digest"
ok "digest ExecStart as its unit runs it, milter stopped: sent and recorded"
t_end
