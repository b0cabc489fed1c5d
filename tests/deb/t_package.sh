#!/bin/sh
# t_package.sh - `make check-deb`: the Debian package on this machine.
#
#	sh tests/deb/t_package.sh DEB_DIR
#
# Changes the machine (installs, then purges, the package; adds the system
# user clientele, which purge keeps), so it is not part of `make check`;
# .ci/run runs it after.  In order:
#   - dpkg -i: the user clientele, /var/lib/clientele (0750) and its spool
#     (0700) owned by it, every file in /etc/clientele a conffile, the
#     milter unit and the digest timer enabled but nothing started;
#     systemd-analyze verify on the installed units;
#   - clientele-milter -n on the packaged configuration (as the unit's
#     ExecStartPre runs it, as clientele) refuses it, naming the missing
#     OwnDomains/OwnAddresses; once they are set it passes;
#   - a private Postfix (scripts/postfix-lab.sh) that already has another
#     milter gets clientele appended by the snippet's own recipe
#     (/usr/share/clientele/postfix-main.cf.snippet), which changes no
#     milter_* parameter and a second run changes nothing;
#   - the milter runs as the unit runs it (user clientele, no new
#     privileges, foreground) and the demo's day of mail goes through
#     Postfix with swaks; every message is delivered;
#   - the reports, read as the README says, `sudo -u clientele clientele
#     referrers` and `... show`, know the referrer;
#   - the digest unit's command, as clientele, hands the digest to Postfix's
#     sendmail: postdrop queues it in /var/spool/postfix/maildrop (removed
#     again); with --no-new-privs postdrop is refused (why the unit has no
#     NoNewPrivileges); it works with the milter stopped too;
#   - dpkg -r keeps the configuration and the data; dpkg -P removes
#     /etc/clientele, /var/lib/clientele and the enable links, and keeps
#     only the user.
set -u
cd "$(dirname "$0")/../.." || exit 1
TOP=$(pwd)
DEB_DIR=${1:-deb-out}
LAB=""
LABSH="sh $TOP/scripts/postfix-lab.sh"
CONF=/etc/clientele/clientele.conf
passed=0
marker=""

fail() {
	echo "FAIL: $*"
	[ -n "$LAB" ] && [ -f "$LAB/log/milter.log" ] && tail -n 20 "$LAB/log/milter.log"
	exit 1
}

ok() {
	passed=$((passed + 1))
	echo "ok $passed - $*"
}

cleanup() {
	[ -n "$LAB" ] && $LABSH stop "$LAB" && rm -rf "$LAB"
	[ -n "$marker" ] && rm -f "$marker"
	# never leave the package behind, whatever failed
	if dpkg-query -W -f='${Status}' clientele 2>/dev/null | grep -q installed; then
		dpkg -P clientele >/dev/null 2>&1
	fi
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

[ "$(id -u)" = 0 ] || fail "needs root (dpkg -i)"
for t in swaks sudo setpriv systemd-analyze postconf; do
	command -v $t >/dev/null 2>&1 || fail "$t is not installed (scripts/deps.sh)"
done
deb=$(ls "$DEB_DIR"/clientele_*_*.deb 2>/dev/null | grep -v dbgsym | head -n 1)
[ -n "$deb" ] || fail "no package in $DEB_DIR: run make deb"
if dpkg-query -W -f='${Status}' clientele 2>/dev/null | grep -q "ok installed"; then
	dpkg -P clientele >/dev/null || fail "cannot purge an earlier clientele"
fi
[ ! -e /etc/clientele ] || fail "/etc/clientele exists and is not the package's (make uninstall?)"
[ ! -e /var/lib/clientele ] || fail "/var/lib/clientele exists and is not the package's"

# --- install --------------------------------------------------------------
dpkg -i "$deb" >/tmp/clientele-dpkg.$$ 2>&1 ||
	{ cat /tmp/clientele-dpkg.$$; rm -f /tmp/clientele-dpkg.$$; fail "dpkg -i"; }
rm -f /tmp/clientele-dpkg.$$
uid=$(id -u clientele) || fail "no user clientele"
[ "$uid" -lt 1000 ] || fail "clientele is not a system user (uid $uid)"
[ "$(stat -c '%U %a' /var/lib/clientele)" = "clientele 750" ] ||
	fail "/var/lib/clientele: $(stat -c '%U %a' /var/lib/clientele)"
[ "$(stat -c '%U %a' /var/lib/clientele/spool)" = "clientele 700" ] ||
	fail "/var/lib/clientele/spool: $(stat -c '%U %a' /var/lib/clientele/spool)"
conffiles=$(dpkg-query -W -f='${Conffiles}\n' clientele | awk 'NF { print $1 }')
for f in $(find /etc/clientele -type f); do
	echo "$conffiles" | grep -qx "$f" || fail "$f is not a conffile"
done
[ "$(echo "$conffiles" | grep -c .)" = 3 ] || fail "conffiles: $conffiles"
ok "installed: system user clientele (uid $uid), /var/lib/clientele and spool, 3 conffiles"

[ -L /etc/systemd/system/multi-user.target.wants/clientele-milter.service ] ||
	fail "clientele-milter.service is not enabled"
[ -L /etc/systemd/system/timers.target.wants/clientele-digest.timer ] ||
	fail "clientele-digest.timer is not enabled"
pgrep -u clientele >/dev/null && fail "something runs as clientele after install"
ok "the milter unit and the digest timer are enabled, nothing is started"

out=$(systemd-analyze verify /lib/systemd/system/clientele-milter.service \
	/lib/systemd/system/clientele-digest.service \
	/lib/systemd/system/clientele-digest.timer 2>&1) ||
	{ echo "$out"; fail "systemd-analyze verify on the installed units"; }
[ -z "$out" ] || { echo "$out"; fail "systemd-analyze verify complained"; }
ok "systemd-analyze verify: the installed units are clean"

# --- configure --------------------------------------------------------------
pre=$(sed -n 's/^ExecStartPre=-\{0,1\}//p' /lib/systemd/system/clientele-milter.service)
start=$(sed -n 's/^ExecStart=//p' /lib/systemd/system/clientele-milter.service)
# as_clientele COMMAND... - as the units run it: user clientele, no new privileges
as_clientele() {
	setpriv --reuid=clientele --regid=clientele --init-groups --no-new-privs "$@"
}
# shellcheck disable=SC2086
if as_clientele $pre >/tmp/clientele-n.$$ 2>&1; then
	fail "-n accepted the packaged configuration, which names no owner"
fi
grep -q "neither OwnDomains nor OwnAddresses is set" /tmp/clientele-n.$$ ||
	{ cat /tmp/clientele-n.$$; fail "-n did not say what is missing"; }
rm -f /tmp/clientele-n.$$
ok "clientele-milter -n refuses the unconfigured package: no owner named"

cat >>"$CONF" <<EOF
# added by tests/deb/t_package.sh
OwnDomains      brightdesk.example
OwnAddresses    sam@brightdesk.example
DigestTo        sam@brightdesk.example
# the demo mail reaches this Postfix by plain SMTP, Sam's replies too, so
# nothing proves the owner wrote: every sender counts, as in make demo
CustomerPolicy  incoming
EOF
# shellcheck disable=SC2086
as_clientele $pre >/tmp/clientele-n.$$ 2>&1 ||
	{ cat /tmp/clientele-n.$$; rm -f /tmp/clientele-n.$$; fail "-n rejects the configured package"; }
rm -f /tmp/clientele-n.$$
ok "clientele-milter -n passes once the owner is named: $pre"

# --- Postfix, with the snippet's recipe -------------------------------------
LAB=$(mktemp -d /var/tmp/clientele-deb.XXXXXX) || fail "mktemp"
MPORT=$($LABSH free-port $((35000 + ($$ * 7) % 20000))) || fail "no free port"
OTHER=$($LABSH free-port $((MPORT + 1))) || fail "no free port"
$LABSH start "$LAB" >/dev/null || fail "the private Postfix did not start"
. "$LAB/lab.env"
export MAIL_CONFIG="$CONF_DIR"
# another milter already there (nothing listens: default_action applies)
postconf -e "smtpd_milters = inet:127.0.0.1:$OTHER" "non_smtpd_milters = \$smtpd_milters"
before=$(postconf -n | grep '^milter_')
sed -n '/^#   m=/,/^#   postconf smtpd_milters/p' /usr/share/clientele/postfix-main.cf.snippet |
	sed -e 's/^#   //' -e "s/8895/$MPORT/g" >"$LAB/recipe.sh"
[ "$(grep -c . "$LAB/recipe.sh")" -ge 6 ] || fail "no recipe in the installed snippet"
sh "$LAB/recipe.sh" >"$LAB/recipe.out" 2>&1 || { cat "$LAB/recipe.out"; fail "the recipe failed"; }
want="inet:127.0.0.1:$OTHER, { inet:127.0.0.1:$MPORT, default_action=accept,"
postconf -h smtpd_milters | grep -qF "$want" ||
	fail "smtpd_milters: $(postconf -h smtpd_milters)"
[ "$(postconf -h non_smtpd_milters)" = '$smtpd_milters' ] ||
	fail "non_smtpd_milters changed: $(postconf -h non_smtpd_milters)"
[ "$(postconf -n | grep '^milter_')" = "$before" ] ||
	fail "the recipe changed a global milter_ parameter"
first=$(postconf -n)
sh "$LAB/recipe.sh" >/dev/null 2>&1
[ "$(postconf -n)" = "$first" ] || fail "running the recipe twice changed main.cf"
unset MAIL_CONFIG
postfix -c "$CONF_DIR" reload >/dev/null 2>&1 || fail "postfix reload"
ok "the snippet's recipe appends clientele after the other milter; no milter_* change; idempotent"

# --- the milter as the unit runs it -----------------------------------------
# shellcheck disable=SC2086
$LABSH spawn "$LAB" milter setpriv --reuid=clientele --regid=clientele \
	--init-groups --no-new-privs $start -p "inet:$MPORT@127.0.0.1" ||
	fail "the milter did not start as clientele"
$LABSH wait-socket "inet:$MPORT@127.0.0.1" 20 || fail "the milter does not listen"
[ "$(ps -o user= -p "$(cat "$LAB/run/milter.pid")")" = clientele ] ||
	fail "the milter does not run as clientele"
$LABSH send "$LAB" scripts/demo-mail/*.eml >"$LAB/sent" ||
	fail "swaks could not send the demo mail"
sent=$(wc -l <"$LAB/sent")
$LABSH wait "$LAB" "$sent" 60 || fail "not every message was delivered"
[ "$(stat -c %U /var/lib/clientele/clientele.db)" = clientele ] ||
	fail "the database is not clientele's"
tagged=$(grep -l '^X-Clientele: ' "$SINK_DIR"/* 2>/dev/null | wc -l)
[ "$tagged" -gt 0 ] || fail "no message got an X-Clientele header"
ok "$sent messages through Postfix and the packaged milter, $tagged marked"

# --- the owner's reports, as the README says --------------------------------
sudo -u clientele clientele referrers >"$LAB/referrers.out" 2>&1 ||
	{ cat "$LAB/referrers.out"; fail "sudo -u clientele clientele referrers"; }
grep -q "dana@reyes-accounting.example" "$LAB/referrers.out" ||
	{ cat "$LAB/referrers.out"; fail "referrers does not know Dana"; }
sudo -u clientele clientele show dana@reyes-accounting.example >/dev/null ||
	fail "sudo -u clientele clientele show"
ok "sudo -u clientele clientele referrers / show read the store"

# --- the digest through Postfix's sendmail ----------------------------------
dstart=$(sed -n 's/^ExecStart=//p' /lib/systemd/system/clientele-digest.service)
marker=$(mktemp /tmp/clientele-mark.XXXXXX)
# digest_queued - files clientele queued in maildrop since the marker
digest_queued() {
	find /var/spool/postfix/maildrop -type f -user clientele -newer "$marker" |
		wc -l
}
# shellcheck disable=SC2086
if timeout 10 setpriv --reuid=clientele --regid=clientele --init-groups \
    --no-new-privs $dstart >"$LAB/digest-nnp.out" 2>&1; then
	fail "the digest was sent with no new privileges: postdrop should be refused"
fi
[ "$(digest_queued)" = 0 ] || fail "something was queued with no new privileges"
ok "with --no-new-privs postdrop is refused (the unit leaves NoNewPrivileges off)"
# digest_sent WHEN - the unit's command as clientele queues one message
digest_sent() {
	# shellcheck disable=SC2086
	timeout 60 setpriv --reuid=clientele --regid=clientele --init-groups \
		$dstart >"$LAB/digest.out" 2>&1 ||
		{ cat "$LAB/digest.out"; fail "the digest's command failed ($1)"; }
	n=$(digest_queued)
	[ "$n" = 1 ] || fail "$n digests in maildrop ($1), expected 1"
	f=$(find /var/spool/postfix/maildrop -type f -user clientele -newer "$marker")
	grep -q "sam@brightdesk.example" "$f" || fail "the queued digest is not for DigestTo"
	rm -f "$f"
}
digest_sent "milter running"
ok "digest: $dstart queued through postdrop with the milter running"
$LABSH stop "$LAB"
pgrep -u clientele >/dev/null && fail "the milter did not stop"
touch "$marker"
sleep 1
digest_sent "milter stopped"
ok "digest: the same with the milter stopped"

# --- remove, then purge -----------------------------------------------------
dpkg -r clientele >/dev/null 2>&1 || fail "dpkg -r"
[ ! -e /usr/sbin/clientele-milter ] && [ ! -e /usr/bin/clientele ] ||
	fail "the programs are still there after dpkg -r"
[ -f "$CONF" ] || fail "dpkg -r removed the configuration"
[ -f /var/lib/clientele/clientele.db ] || fail "dpkg -r removed the data"
ok "dpkg -r: programs gone; configuration and data kept"
dpkg -P clientele >/dev/null 2>&1 || fail "dpkg -P"
for p in /etc/clientele /var/lib/clientele /run/clientele \
    /etc/systemd/system/multi-user.target.wants/clientele-milter.service \
    /etc/systemd/system/timers.target.wants/clientele-digest.timer \
    /usr/share/clientele /usr/share/doc/clientele; do
	[ ! -e "$p" ] && [ ! -L "$p" ] || fail "$p is left after purge"
done
dpkg-query -W -f='${Status}' clientele 2>/dev/null | grep -q "ok installed" &&
	fail "still installed after purge"
id clientele >/dev/null 2>&1 || fail "purge removed the user (it should stay)"
ok "dpkg -P: nothing left but the system user clientele"
echo "check-deb: $passed passed, 0 failed"
