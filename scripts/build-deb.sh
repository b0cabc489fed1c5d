#!/bin/sh
# build-deb.sh - `make deb`: the Debian package, built out of the tree.
#
#	sh scripts/build-deb.sh OUTDIR
#
# dpkg-buildpackage writes its results into the parent of the source
# directory, so the tree (without .git and build products) is copied to
# OUTDIR/clientele-VERSION and built there: the .deb, .buildinfo and
# .changes end in OUTDIR, which `make clean` removes.  Then lintian checks
# the package and fails on any error.  Needs debhelper, dpkg-dev,
# fakeroot and lintian (scripts/deps.sh installs them).
set -u
cd "$(dirname "$0")/.." || exit 1
out=${1:-deb-out}
die() {
	echo "build-deb: $*" >&2
	exit 1
}
version=$(dpkg-parsechangelog -S Version) || die "no debian/changelog"
rm -rf "$out"
mkdir -p "$out/clientele-$version" || die "cannot create $out"
tar cf - --exclude=.git --exclude='*.o' --exclude='*.a' \
	--exclude=./tests/tmp --exclude=./demo --exclude="./$out" \
	--exclude=./contrib/out --exclude=./bench/out --exclude=./bench/work \
	--exclude=./clientele --exclude=./clientele-milter \
	--exclude=./tests/check_clientele --exclude=./tests/suites.h \
	--exclude='./src/lib/*/*_default.inc' . |
	tar xf - -C "$out/clientele-$version" || die "cannot copy the tree"
(cd "$out/clientele-$version" &&
	DEB_BUILD_OPTIONS="${DEB_BUILD_OPTIONS:-parallel=2}" \
	dpkg-buildpackage -us -uc -b) >"$out/build.log" 2>&1 ||
	{ tail -n 40 "$out/build.log" >&2; die "dpkg-buildpackage failed (log: $out/build.log)"; }
deb=$(ls "$out"/clientele_"$version"_*.deb 2>/dev/null | head -n 1)
[ -n "$deb" ] || die "no .deb in $out"
lintian --fail-on error "$out"/clientele_"$version"_*.changes \
	>"$out/lintian.log" 2>&1
st=$?
cat "$out/lintian.log"
[ $st -eq 0 ] || die "lintian reports errors"
echo "build-deb: $deb"
