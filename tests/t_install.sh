#!/bin/sh
# t_install.sh - what `make` and `make install` do, into a DESTDIR.
#
#   - `make` alone builds the programs: the Makefile's default goal is all;
#   - `make install DESTDIR=...` puts the programs, manual pages, the three
#     configuration files, the systemd units and the Postfix snippet, Sieve
#     example and cron line in place, with the installation's paths filled
#     in (no @PLACEHOLDER@ left);
#   - a second install keeps every configuration file the owner edited,
#     and says so;
#   - an install that cannot write fails (no error is swallowed).
# Changes nothing outside tests/tmp.
set -u
cd "$(dirname "$0")/.." || exit 1
D=$(pwd)/tests/tmp/install/$$
passed=0

fail() {
	echo "FAIL: $*"
	exit 1
}

ok() {
	passed=$((passed + 1))
	echo "ok $passed - $*"
}

rm -rf "$D"
mkdir -p "$D"
trap 'rm -rf "$D"' EXIT

make -pnq 2>/dev/null >"$D/db.txt"
grep -qx '.DEFAULT_GOAL := all' "$D/db.txt" ||
	fail "the Makefile's default goal is not all"
grep -qx 'all: clientele clientele-milter' "$D/db.txt" ||
	fail "all does not build both programs"
ok "make alone builds all (the default goal)"

make -s install DESTDIR="$D/root" PREFIX=/usr/local >"$D/1.out" 2>&1 ||
	{ cat "$D/1.out"; fail "make install"; }
for f in usr/local/bin/clientele usr/local/sbin/clientele-milter \
    usr/local/share/man/man1/clientele.1 usr/local/share/man/man5/clientele.conf.5 \
    usr/local/share/man/man8/clientele-milter.8 \
    etc/clientele/clientele.conf etc/clientele/rules.conf etc/clientele/valueset.conf \
    usr/local/lib/systemd/system/clientele-milter.service \
    usr/local/lib/systemd/system/clientele-digest.service \
    usr/local/lib/systemd/system/clientele-digest.timer \
    usr/local/share/clientele/postfix-main.cf.snippet \
    usr/local/share/clientele/clientele.sieve \
    usr/local/share/clientele/cron.clientele; do
	[ -f "$D/root/$f" ] || fail "make install did not install /$f"
done
ok "make install: programs, manual pages, configuration, units, examples"

grep -rl '@[A-Z]*@' "$D/root/usr/local/lib/systemd" "$D/root/usr/local/share/clientele" &&
	fail "a placeholder was left unfilled"
grep -qx 'ExecStart=/usr/local/sbin/clientele-milter -f -c /etc/clientele/clientele.conf' \
	"$D/root/usr/local/lib/systemd/system/clientele-milter.service" ||
	fail "the milter unit does not name the installed program"
grep -q '^ExecStart=/usr/local/bin/clientele ' \
	"$D/root/usr/local/lib/systemd/system/clientele-digest.service" ||
	fail "the digest unit does not name the installed program"
grep -q 'clientele  /usr/local/bin/clientele -c /etc/clientele/clientele.conf' \
	"$D/root/usr/local/share/clientele/cron.clientele" ||
	fail "the cron line does not name the installed program"
ok "units, snippet and cron line carry this installation's paths"

for f in clientele.conf rules.conf valueset.conf; do
	echo "# the owner's edit" >>"$D/root/etc/clientele/$f"
done
make -s install DESTDIR="$D/root" PREFIX=/usr/local >"$D/2.out" 2>&1 ||
	{ cat "$D/2.out"; fail "second make install"; }
for f in clientele.conf rules.conf valueset.conf; do
	tail -n 1 "$D/root/etc/clientele/$f" | grep -qx "# the owner's edit" ||
		fail "make install overwrote /etc/clientele/$f"
	grep -q "keeping $D/root/etc/clientele/$f" "$D/2.out" ||
		fail "make install did not say it kept $f"
done
ok "a second make install keeps every edited configuration file, and says so"

: >"$D/not-a-dir"
if make -s install DESTDIR="$D/not-a-dir" PREFIX=/usr/local >"$D/3.out" 2>&1; then
	fail "make install into a file succeeded"
fi
ok "make install fails when it cannot write"
echo "install: $passed passed, 0 failed"
