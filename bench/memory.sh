#!/bin/sh
# memory.sh - clientele-milter's resident size under 100 concurrent SMTP
# sessions of 10 MB messages (smtp-source -s 100 -l 10000000 -m 100) through
# the lab Postfix.
#
# The milter keeps at most MaxScanBytes of each message, so its peak
# resident size (VmHWM) should stay within a fixed amount (the idle
# process after a warm-up message, plus FIXED_MB for thread stacks, SQLite
# and malloc arenas) plus MaxScanBytes for each concurrent session.  The
# run is repeated for several MaxScanBytes values, so the slope shows too.
# VmRSS is sampled every 0.1 s for the plot.
. "$(dirname "$0")/lib.sh"

if [ "$QUICK" = 1 ]; then
	SCANS=${SCANS:-"1048576"}
	SESSIONS=${SESSIONS:-100}
	MSGSIZE=${MSGSIZE:-2000000}
else
	SCANS=${SCANS:-"262144 1048576 4194304"}
	SESSIONS=${SESSIONS:-100}
	MSGSIZE=${MSGSIZE:-10000000}
fi
FIXED_MB=${FIXED_MB:-32}
FROM=alice@customer.example
TO=owner@myfirm.example

[ "$(id -u)" = 0 ] || die "memory: needs root (a private Postfix)"
command -v smtp-source > /dev/null || PATH=$PATH:/usr/sbin
need "$MILTER"

LABDIR=$OUT/memory-lab
MDIR=$OUT/memory
mkdir -p "$MDIR"
chmod 755 "$MDIR"
cleanup() { sh "$LAB" stop "$LABDIR" > /dev/null 2>&1; }
trap cleanup EXIT
trap 'cleanup; exit 1' INT TERM

RAW=$OUT/memory.tsv
printf 'max_scan\tsessions\tmsg_bytes\tbase_kb\thwm_kb\tthreads_max\tseconds\tdelivered\n' > "$RAW"
for scan in $SCANS; do
	MPORT=$(sh "$LAB" free-port 24100) || die "no free port"
	sock=inet:$MPORT@127.0.0.1
	lab_start "$LABDIR" --milter "$sock" || die "lab did not start"
	lab_counting_sink "$LABDIR" "$SINK_PORT"
	# room for 100 parallel sessions and messages of MSGSIZE
	postconf -c "$CONF_DIR" -e "message_size_limit = $((MSGSIZE + 1048576))" \
	    "default_process_limit = $((SESSIONS + 20))" 2> /dev/null
	postfix -c "$CONF_DIR" reload > /dev/null 2>&1
	rm -f "$MDIR"/milter.db*
	cat > "$MDIR/milter.conf" <<-EOF
	Database $MDIR/milter.db
	OwnDomains myfirm.example
	MaxScanBytes $scan
	EOF
	sh "$LAB" spawn "$LABDIR" milter "$MILTER" -f -c "$MDIR/milter.conf" \
	    -p "$sock" || die "milter did not start"
	sh "$LAB" wait-socket "$sock" 20 || die "milter did not listen"
	pid=$(cat "$LABDIR/run/milter.pid")
	# warm-up: one small message opens the store
	smtp-source -l 2000 -m 1 -f "$FROM" -t "$TO" "127.0.0.1:$SMTP_PORT"
	sink_wait "$LABDIR" 1 30 || die "warm-up message not delivered"
	sleep 0.5
	base=$(rss_kb "$pid" VmRSS)
	samples=$MDIR/rss-$scan.tsv
	: > "$samples"
	rm -f "$MDIR/stop"
	t0=$(now)
	(
		while kill -0 "$pid" 2> /dev/null && [ ! -f "$MDIR/stop" ]; do
			printf '%s\t%s\t%s\n' "$(secs "$t0" "$(now)")" \
			    "$(rss_kb "$pid" VmRSS)" "$(rss_kb "$pid" Threads)" >> "$samples"
			sleep 0.1
		done
	) &
	spid=$!
	say "memory: MaxScanBytes $scan, $SESSIONS sessions of $MSGSIZE bytes"
	smtp-source -s "$SESSIONS" -l "$MSGSIZE" -m "$SESSIONS" -f "$FROM" \
	    -t "$TO" "127.0.0.1:$SMTP_PORT" 2> "$MDIR/source-$scan.err"
	sink_wait "$LABDIR" $((SESSIONS + 1)) 300 ||
		say "not all delivered (MaxScanBytes $scan)"
	t1=$(now)
	touch "$MDIR/stop"
	wait $spid
	hwm=$(rss_kb "$pid" VmHWM)
	thr=$(awk '{ print $3 }' "$samples" | sort -n | tail -1)
	n=$(($(sink_count "$LABDIR") - 1))
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$scan" "$SESSIONS" "$MSGSIZE" \
	    "$base" "$hwm" "$thr" "$(secs "$t0" "$t1")" "$n" >> "$RAW"
	say "memory: base $base kB, peak $hwm kB, $n delivered"
	sh "$LAB" stop "$LABDIR" > /dev/null 2>&1
done

# ---- report ----
{
	echo "## 4. Memory: clientele-milter under $SESSIONS concurrent sessions"
	echo
	stamp
	echo
	echo "\`smtp-source -s $SESSIONS -l $MSGSIZE -m $SESSIONS\` through the lab"
	echo "Postfix (process limit raised to $((SESSIONS + 20)), size limit above"
	echo "the message) to clientele-milter on TCP. \"idle\" is VmRSS after one"
	echo "warm-up message; \"peak\" is VmHWM at the end. Bound = idle +"
	echo "$FIXED_MB MiB fixed + sessions x MaxScanBytes."
	echo
	echo "| MaxScanBytes | sessions | message bytes | delivered | idle MiB | peak MiB | peak - idle MiB | per session KiB | bound MiB | |"
	echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
	awk -F '\t' -v fixed="$FIXED_MB" 'NR > 1 {
		grow = ($5 - $4) / 1024
		bound = $4 / 1024 + fixed + $2 * $1 / 1048576
		printf "| %d | %d | %d | %d | %.1f | %.1f | %.1f | %.0f | %.1f | %s |\n",
		    $1, $2, $3, $8, $4 / 1024, $5 / 1024, grow,
		    ($5 - $4) / $2, bound, ($5 / 1024 <= bound ? "met" : "**missed**")
	}' "$RAW"
	echo
	echo "![memory](bench/plots/memory.png)"
	echo
} > "$OUT/memory.md"

{
	echo "set title 'clientele-milter VmRSS, $SESSIONS sessions of $MSGSIZE bytes'"
	echo "set xlabel 'seconds'; set ylabel 'MiB'; set grid; set key top left"
	echo "set yrange [0:*]"
	printf 'plot '
	i=0
	for scan in $SCANS; do
		[ $i -gt 0 ] && printf ', '
		printf "'%s' using 1:(\$2/1024) with lines lw 2 title 'MaxScanBytes %s'" \
		    "$MDIR/rss-$scan.tsv" "$scan"
		i=$((i + 1))
	done
	echo
} | plot memory
say "memory: done ($OUT/memory.md)"
