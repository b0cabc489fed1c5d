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
t_name=t_milter_relation t_tmp=$T T_FAIL_FAST=1
. "$(dirname "$0")/lib.sh"
milter_files

t_cleanup() { milter_stop; }
trap milter_stop EXIT INT TERM
built ./clientele-milter ./clientele
need miltertest
milter_conf "$DB" "Socket unix:$SOCK" "SpoolDir $T/spool"

milter_start ./clientele-milter -f -c "$CONF" ||
    fail "the milter did not start and listen"

miltertest -D socket="unix:$SOCK" -s tests/milter/twoway.lua >"$T/out" 2>&1 ||
    { cat "$T/out"; fail "miltertest twoway.lua"; }
ok "prospect, then customer after the owner's answer, in X-Clientele"
milter_stop

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
t_end
