#!/bin/sh
# demo.sh - `make demo`: a day of mail for a small design studio, through a
# private Postfix and clientele-milter, then the owner's two reports.
#
# Sam Carter runs Brightdesk Design (brightdesk.example).  The demo starts
# a private Postfix on loopback with ./clientele-milter as its milter
# (scripts/postfix-lab.sh, everything under demo/), sends the messages in
# scripts/demo-mail/*.eml in order with swaks, waits until smtp-sink has
# them all, prints `clientele referrers` and `clientele problems`, and stops
# everything it started, however it ends.  The store stays in
# demo/clientele.db to explore afterwards.
#
# Needs root (Postfix), swaks and the built programs: `make demo` installs
# the packages (scripts/deps.sh) and builds first.
set -u
cd "$(dirname "$0")/.." || exit 1
TOP=$(pwd)
DEMO=$TOP/demo
LAB=$DEMO/lab
LABSH="sh $TOP/scripts/postfix-lab.sh"
DB=$DEMO/clientele.db
CONF=$DEMO/clientele.conf
OWNER=sam@brightdesk.example

die() {
	echo "demo: $*" >&2
	if [ -f "$LAB/log/milter.log" ]; then
		echo "demo: last lines of $LAB/log/milter.log:" >&2
		tail -n 15 "$LAB/log/milter.log" >&2
	fi
	exit 1
}

cleanup() {
	$LABSH stop "$LAB"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

[ "$(id -u)" = 0 ] || die "run as root: the demo starts a private Postfix"
command -v swaks >/dev/null 2>&1 || die "swaks is missing: run scripts/deps.sh"
[ -x ./clientele ] && [ -x ./clientele-milter ] || die "build first: make all"
ls scripts/demo-mail/*.eml >/dev/null 2>&1 || die "no mail in scripts/demo-mail"

# A fresh demo each time: stop a lab left running, then start from nothing.
$LABSH stop "$LAB"
rm -rf "$DEMO"
mkdir -p "$DEMO" || die "cannot create $DEMO"

MPORT=$($LABSH free-port $((40000 + ($$ * 11) % 20000))) || die "no free port"
MSOCK="inet:$MPORT@127.0.0.1"
cat >"$CONF" <<EOF
# clientele demo: Sam Carter, Brightdesk Design
Database        $DB
OwnDomains      brightdesk.example
OwnAddresses    $OWNER
# The demo's mail all comes over plain SMTP from this host, Sam's reply
# too (no SASL login), so it is not taken for Sam's: every personal sender
# counts at once here.  A real setup keeps the default, two-way.
CustomerPolicy  incoming
Socket          $MSOCK
Syslog          no
SpoolDir        $DEMO/spool
EOF
chmod 644 "$CONF"

echo "clientele demo: a day of mail for Sam Carter, Brightdesk Design"
$LABSH start "$LAB" --milter "$MSOCK" >"$DEMO/lab-start.log" 2>&1 ||
	{ cat "$DEMO/lab-start.log" >&2; die "the private Postfix did not start"; }
$LABSH spawn "$LAB" milter "$TOP/clientele-milter" -f -c "$CONF" -p "$MSOCK" ||
	die "clientele-milter did not start"
$LABSH wait-socket "$MSOCK" 20 || die "clientele-milter is not listening"
. "$LAB/lab.env"
echo "  private Postfix on 127.0.0.1:$SMTP_PORT, clientele-milter on $MSOCK"

$LABSH send "$LAB" scripts/demo-mail/*.eml >"$DEMO/sent"
st=$?
sed 's/^/  /' "$DEMO/sent"
[ "$st" -eq 0 ] || die "could not send the demo mail"
sent=$(wc -l <"$DEMO/sent")
$LABSH wait "$LAB" "$sent" 60 || die "not every message was delivered"
tagged=$(grep -l '^X-Clientele: ' "$SINK_DIR"/* 2>/dev/null | wc -l)
echo "  $sent messages delivered, $tagged marked with an X-Clientele header"

echo
echo "Who sends you business (clientele referrers):"
./clientele --config "$CONF" referrers || die "clientele referrers failed"
echo
echo "Customers to watch (clientele problems):"
./clientele --config "$CONF" problems || die "clientele problems failed"
echo
echo "Enquiries still waiting for a reply (clientele enquiries):"
./clientele --config "$CONF" enquiries || die "clientele enquiries failed"
$LABSH stop "$LAB"
echo
echo "Postfix, smtp-sink and clientele-milter are stopped again; the store"
echo "stays in demo/clientele.db.  Explore further with:"
echo "  ./clientele --config demo/clientele.conf customers"
echo "  ./clientele --config demo/clientele.conf show dana@reyes-accounting.example"
exit 0
