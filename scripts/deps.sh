#!/bin/sh
# deps.sh - install the Debian packages clientele needs, if any is missing.
#
# Used by `make check`, `make demo` and `make bench`, and by .ci/run.  It only
# calls apt-get when something is absent, and only as root; otherwise it says
# what to install and fails.
set -u
PKGS="build-essential pkg-config libetpan-dev libsqlite3-dev libmilter-dev check
miltertest postfix swaks sqlite3 clang valgrind gnuplot-nox libclang-rt-14-dev
python3 chromium postgresql libpq-dev
debhelper dpkg-dev fakeroot lintian systemd sudo util-linux adduser
"
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ]; then
	echo "deps.sh: missing Debian packages:$missing (run as root, or install them)" >&2
	exit 1
fi
echo "deps.sh: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
# Postfix asks what kind of site it is; a local-only install touches nothing
# we use, since the tests run a private instance with its own config dir.
echo "postfix postfix/main_mailer_type select Local only" | debconf-set-selections
echo "postfix postfix/mailname string localhost" | debconf-set-selections
apt-get update -qq >/dev/null || { echo "deps.sh: apt-get update failed" >&2; exit 1; }
apt-get install -y -qq --no-install-recommends $missing >/dev/null ||
	{ echo "deps.sh: apt-get install failed for:$missing" >&2; exit 1; }
