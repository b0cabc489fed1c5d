#!/bin/sh
# layers.sh - the include rule of src/lib, checked (part of `make check`).
#
# src/lib is layered, lowest first:
#
#	util  <  mail  <  classify  <  store  <  report  <  app
#
# A file may include headers of its own layer and of the layers below it,
# never above it or beside it.  A backend under store/ (store/sqlite,
# store/pgsql) belongs to the store layer but may not include another
# backend.  A private header (*_int.h) is included only from its own
# folder.  Nothing outside store/sqlite names sqlite3 (header or symbol).  The programs (src/clientele, src/milter) sit above app and may
# include any public header, but no private one.
#
# Prints each offending line as FILE:LINE: reason, and exits 1 if any.
set -eu
cd "$(dirname "$0")/.."

rank() {
	case $1 in
	util) echo 0 ;; mail) echo 1 ;; classify) echo 2 ;; store) echo 3 ;;
	report) echo 4 ;; app) echo 5 ;; prog) echo 6 ;; *) echo -1 ;;
	esac
}

bad=0
for f in $(find src -name '*.[ch]' | sort); do
	dir=$(dirname "$f")
	case $dir in
	src/lib/*) rel=${dir#src/lib/}; layer=${rel%%/*} ;;
	*) rel=prog; layer=prog ;;
	esac
	me=$(rank "$layer")
	if [ "$me" -lt 0 ]; then
		echo "$f: folder $layer is not a layer (scripts/layers.sh)"
		bad=1
		continue
	fi
	# each quoted include, with its line number
	grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$f" |
	sed 's/^\([0-9]*\):.*"\([^"]*\)".*/\1 \2/' > "${TMPDIR:-/tmp}/layers.$$"
	while read -r line inc; do
		case $inc in
		*.inc) continue ;;	# generated data beside its user
		*/*) ;;
		*)	# a bare name: must be in the same folder
			if [ ! -f "$dir/$inc" ]; then
				echo "$f:$line: \"$inc\" is not in $dir; name its layer"
				bad=1
			fi
			continue ;;
		esac
		idir=$(dirname "$inc")
		ilayer=${idir%%/*}
		them=$(rank "$ilayer")
		if [ "$them" -lt 0 ] || [ ! -f "src/lib/$inc" ]; then
			echo "$f:$line: \"$inc\" is not a header of src/lib"
			bad=1
			continue
		fi
		case $inc in
		*_int.h)
			if [ "src/lib/$idir" != "$dir" ]; then
				echo "$f:$line: \"$inc\" is private to src/lib/$idir"
				bad=1
			fi
			continue ;;
		esac
		if [ "$them" -gt "$me" ]; then
			echo "$f:$line: $layer includes \"$inc\" from $ilayer, a layer above it"
			bad=1
		elif [ "$ilayer" = store ] && [ "$idir" != store ] &&
		    [ "src/lib/$idir" != "$dir" ]; then
			echo "$f:$line: \"$inc\" belongs to another store backend"
			bad=1
		fi
	done < "${TMPDIR:-/tmp}/layers.$$"
	rm -f "${TMPDIR:-/tmp}/layers.$$"
done
# SQLite is one backend: only store/sqlite names it.
for f in $(grep -rln 'sqlite3' src --include='*.[ch]' | sort); do
	case $f in
	src/lib/store/sqlite/*) ;;
	*)	grep -n 'sqlite3' "$f" | sed "s|^\([0-9]*\):.*|$f:\1: names sqlite3 outside src/lib/store/sqlite|"
		bad=1 ;;
	esac
done
if [ "$bad" -ne 0 ]; then
	echo "layers: include rule broken (see scripts/layers.sh)" >&2
	exit 1
fi
echo "layers: every include goes down or stays in its layer"
