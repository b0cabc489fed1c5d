#!/bin/sh
# t_milter_relation - the two-way model and sender trust in clientele-milter,
# with miltertest (tests/milter/twoway.lua) and the default
# CustomerPolicy two-way and RequireSenderMatch milter.
#
# Asserts what the script cannot see: the forged-From message tagged
# nobody and is counted as unverified; mail claiming the owner's From
# without SASL made no contact; the SASL and locally submitted mail of the
# owner made its recipients customers; the log names each verdict.
set -u
T=tests/tmp/milter-relation/$$
CONF=$T/clientele.conf
DB=$T/clientele.db
SOCK=$T/sock
LOG=$T/milter.log
pid=""
passed=0

cleanup() {
	if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
		kill -TERM "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
	fi
	pid=""
}

fail() {
	echo "FAIL: $*"
	[ -f "$LOG" ] && { echo "--- milter log:"; tail -n 30 "$LOG"; }
	cleanup
	exit 1
}

ok() {
	passed=$((passed + 1))
	echo "ok $passed - $*"
}

trap cleanup EXIT INT TERM
[ -x ./clientele-milter ] && [ -x ./clientele ] || fail "run make all first"
command -v miltertest >/dev/null 2>&1 || fail "miltertest is not installed"
rm -rf "$T"
mkdir -p "$T"
cat >"$CONF" <<CONF
Database $DB
OwnDomains example.org
OwnAddresses owner@example.org
Socket unix:$SOCK
RulesFile conf/rules.conf
Syslog no
LogLevel info
SpoolDir $T/spool
CONF

./clientele-milter -f -c "$CONF" >"$LOG" 2>&1 &
pid=$!
i=0
until grep -q "listening on" "$LOG" 2>/dev/null; do
	kill -0 "$pid" 2>/dev/null || fail "the milter did not start"
	i=$((i + 1))
	[ $i -lt 100 ] || fail "the milter did not listen"
	sleep 0.1
done

miltertest -D socket="unix:$SOCK" -s tests/milter/twoway.lua >"$T/out" 2>&1 ||
    { cat "$T/out"; fail "miltertest twoway.lua"; }
ok "prospect, then customer after the owner's answer, in X-Clientele"
cleanup

show() { ./clientele -c "$CONF" --db "$DB" show "$1" --format json 2>/dev/null; }
show lee@prospect.test >"$T/lee.json" || fail "lee is not in the store"
grep -q '"status":"customer"' "$T/lee.json" || fail "lee is not a customer: $(cat "$T/lee.json")"
grep -q '"unverified":1' "$T/lee.json" || fail "the forged message was not counted as unverified"
grep -q '"rude"' "$T/lee.json" && fail "the forged message tagged lee rude"
ok "a forged From tags nobody and is recorded as unverified"
show victim@prey.test >/dev/null && fail "mail claiming the owner's From made a contact"
grep -q "tw4: ignored (spam: the owner's From without authentication" "$LOG" ||
    fail "the forged owner mail was not logged as such"
ok "the owner's From without SASL or local submission makes nobody"
show kim@local.test | grep -q '"status":"customer"' ||
    fail "locally submitted mail of the owner did not make kim a customer"
ok "locally submitted mail is the owner's"
./clientele -c "$CONF" --db "$DB" enquiries >"$T/enq" || fail "enquiries failed"
grep -q "lee@" "$T/enq" && fail "lee's enquiry was answered but is still listed"
ok "the owner's answer closes the enquiry"

rm -rf "$T"
echo "milter-relation: $passed passed, 0 failed"
