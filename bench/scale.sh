#!/bin/sh
# scale.sh - ingest rate, store size and report times at 10,000 and 100,000
# customers (QUICK=1: 1,000 and 10,000), on mailboxes from bench/gen-mbox.
#
# Each report command runs ROUNDS times with its output to a file; the
# median wall time is reported, with the output's size so that a time can
# be read against what was printed.  Target: each under 300 ms at the
# largest N, and time growing no faster than output between the two sizes.
. "$(dirname "$0")/lib.sh"

if [ "$QUICK" = 1 ]; then
	SIZES=${SIZES:-"1000 10000"}
	ROUNDS=${ROUNDS:-3}
else
	SIZES=${SIZES:-"10000 100000"}
	ROUNDS=${ROUNDS:-7}
fi
LIMIT_MS=300

need "$CLIENTELE"
build_bench

# has_cmd NAME - the command knows this subcommand (a later issue adds digest)
has_cmd() {
	"$CLIENTELE" --db "$OUT/probe.db" "$1" --help > /dev/null 2>&1 ||
		"$CLIENTELE" --help 2>&1 | grep -qw "$1"
}

RAW=$OUT/scale.tsv
printf 'customers\twhat\tround\tseconds\tout_bytes\tout_lines\n' > "$RAW"
for n in $SIZES; do
	gen_mbox "$n"
	nmsg=$((2 * n))
	db=$OUT/scale-$n.db
	conf=$OUT/scale-$n.conf
	printf 'Database %s\nOwnDomains myfirm.example\nDigestTo owner@myfirm.example\nDigestFrom clientele@myfirm.example\n' \
	    "$db" > "$conf"
	rm -f "$db" "$db-wal" "$db-shm"
	say "scale: ingest $n customers ($nmsg messages)"
	t0=$(now)
	"$CLIENTELE" --config "$conf" --db "$db" ingest "$mbox" \
	    > "$OUT/scale-$n-ingest.log" 2>&1 ||
		say "ingest failed: see $OUT/scale-$n-ingest.log"
	t1=$(now)
	printf '%s\tingest\t1\t%s\t%s\t%s\n' "$n" "$(secs "$t0" "$t1")" \
	    "$(stat -c %s "$mbox")" "$nmsg" >> "$RAW"
	size=0
	for f in "$db" "$db-wal"; do
		[ -f "$f" ] && size=$((size + $(stat -c %s "$f")))
	done
	printf '%s\tstore\t1\t0\t%s\t0\n' "$n" "$size" >> "$RAW"

	# the customer to show: the top referrer, who has the most evidence
	addr=$("$CLIENTELE" --config "$conf" --db "$db" referrers --limit 1 \
	    --format json 2> /dev/null |
	    sed -n 's/^[^"]*"email" *: *"\([^"]*\)".*/\1/p; s/.*{"email" *: *"\([^"]*\)".*/\1/p' |
	    head -1)
	[ -n "$addr" ] || addr=c7@$("$BENCH/gen-mbox" -n 8 | sed -n \
	    's/^From: .*<c7@\([^>]*\)>.*/\1/p' | head -1)
	{
		printf 'referrers\treferrers\n'
		printf 'problems\tproblems\n'
		printf 'customers-good\tcustomers --category good\n'
		printf 'show\tshow %s\n' "$addr"
		if has_cmd digest; then
			printf 'digest-24h\tdigest\n'
			printf 'digest-all\tdigest --since 3650d\n'
		fi
	} > "$OUT/scale-queries.txt"
	while IFS='	' read -r label q; do
		r=1
		while [ $r -le "$ROUNDS" ]; do
			t0=$(now)
			"$CLIENTELE" --config "$conf" --db "$db" $q \
			    > "$OUT/scale-q.out" 2> "$OUT/scale-q.err" < /dev/null ||
				say "'clientele $q' failed: $(head -c 300 "$OUT/scale-q.err")"
			t1=$(now)
			printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$label" $r \
			    "$(secs "$t0" "$t1")" "$(stat -c %s "$OUT/scale-q.out")" \
			    "$(wc -l < "$OUT/scale-q.out")" >> "$RAW"
			r=$((r + 1))
		done
	done < "$OUT/scale-queries.txt"
done

# ---- report ----
first=${SIZES%% *}
last=${SIZES##* }
ms() { awk -v s="$1" 'BEGIN { printf "%.0f", s * 1000 }'; }
{
	echo "## 3. Scale: synthetic mailboxes"
	echo
	stamp
	echo
	echo "\`bench/gen-mbox -n N\`: N customers writing two messages each"
	echo "(about 20% credit an earlier customer by name or address, every"
	echo "20th introduces the next with a Cc, follow-ups carry praise,"
	echo "complaint, haggling, rudeness or late-payment phrases; quoted"
	echo "replies and signatures hold problem words that must not count)."
	echo "One ingest into a fresh store, then each report $ROUNDS times with"
	echo "output to a file."
	echo
	echo "| customers | messages | ingest s | msgs/s | mbox MB | store MB | store bytes/customer |"
	echo "|---:|---:|---:|---:|---:|---:|---:|"
	for n in $SIZES; do
		s=$(awk -F '\t' -v n="$n" '$1 == n && $2 == "ingest" { print $4 }' "$RAW")
		b=$(awk -F '\t' -v n="$n" '$1 == n && $2 == "ingest" { print $5 }' "$RAW")
		z=$(awk -F '\t' -v n="$n" '$1 == n && $2 == "store" { print $5 }' "$RAW")
		echo "| $n | $((2 * n)) | $s | $(rate $((2 * n)) "$s") |" \
		    "$(awk -v b="$b" 'BEGIN { printf "%.1f", b / 1048576 }') |" \
		    "$(awk -v b="$z" 'BEGIN { printf "%.1f", b / 1048576 }') |" \
		    "$(awk -v b="$z" -v n="$n" 'BEGIN { printf "%.0f", b / n }') |"
	done
	echo
	echo "Report commands (wall time including process start; median, min-max):"
	echo
	printf '| command |'
	for n in $SIZES; do printf ' %s: ms (min-max) | lines |' "$n"; done
	echo " time ratio | output ratio | under ${LIMIT_MS} ms at $last | time grows no faster than output |"
	printf '|---|'
	for n in $SIZES; do printf -- '---:|---:|'; done
	echo "---:|---:|---|---|"
	for q in $(awk -F '\t' 'NR > 1 && $2 != "ingest" && $2 != "store" &&
	    !seen[$2]++ { print $2 }' "$RAW"); do
		if [ "$q" = show ]; then
			printf '| `show ADDRESS` (the top referrer) |'
		else
			printf '| `%s` |' "$(awk -F '\t' -v l="$q" \
			    '$1 == l { print $2 }' "$OUT/scale-queries.txt")"
		fi
		for n in $SIZES; do
			set -- $(awk -F '\t' -v n="$n" -v q="$q" \
			    '$1 == n && $2 == q { print $4 }' "$RAW" | stats)
			lines=$(awk -F '\t' -v n="$n" -v q="$q" \
			    '$1 == n && $2 == q { l = $6 } END { print l }' "$RAW")
			eval "med_$n=$1 lines_$n=$lines"
			printf ' %s (%s-%s) | %s |' "$(ms "$1")" "$(ms "$2")" "$(ms "$3")" "$lines"
		done
		eval "a=\$med_$first b=\$med_$last la=\$lines_$first lb=\$lines_$last"
		tr=$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.1f", (a > 0 ? b / a : 0) }')
		orr=$(awk -v a="$la" -v b="$lb" 'BEGIN { printf "%.1f", (a > 0 ? b / a : 0) }')
		# allow 25% for noise and for the fixed cost of starting a process
		grow=$(awk -v t="$tr" -v o="$orr" \
		    'BEGIN { print (t <= (o > 1 ? o : 1) * 1.25) ? "met" : "**missed**" }')
		echo " ${tr}x | ${orr}x | $(met "$(ms "$b")" "<=" $LIMIT_MS) | $grow |"
	done
	echo
	echo "![scale](bench/plots/scale.png)"
	echo
} > "$OUT/scale.md"

# plot: median time of each command at each size
awk -F '\t' 'NR > 1 && $2 != "ingest" && $2 != "store" { print $1, $2, $4 }' "$RAW" |
    sort -k2,2 -k1,1n | awk '
	{ k = $2 " " $1; v[k] = v[k] " " $3; if (!($2 in q)) { q[$2]; o[++nq] = $2 } }
	END { for (i = 1; i <= nq; i++) print o[i] }' > "$OUT/scale-cmds.txt"
{
	echo "set title 'Report time against customers (median of $ROUNDS)'"
	echo "set logscale x; set xlabel 'customers'; set ylabel 'ms'"
	echo "set xrange [$first / 2.0 : $last * 2.0]"
	echo "set yrange [0:*]; set grid; set key top left"
	echo "set arrow from graph 0, first $LIMIT_MS to graph 1, first $LIMIT_MS nohead dt 2 lc rgb 'red'"
	i=0
	for q in $(cat "$OUT/scale-cmds.txt"); do
		echo "\$d$i << END"
		for n in $SIZES; do
			set -- $(awk -F '\t' -v n="$n" -v q="$q" \
			    '$1 == n && $2 == q { print $4 }' "$RAW" | stats)
			echo "$n $(ms "$1")"
		done
		echo "END"
		i=$((i + 1))
	done
	printf 'plot '
	i=0
	for q in $(cat "$OUT/scale-cmds.txt"); do
		[ $i -gt 0 ] && printf ', '
		printf "\$d%s using 1:2 with linespoints lw 2 title '%s'" $i "$q"
		i=$((i + 1))
	done
	echo
} | plot scale
say "scale: done ($OUT/scale.md)"
