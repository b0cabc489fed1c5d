#!/bin/sh
# mail.sh - the live mail path: lab Postfix relaying to smtp-sink, loaded by
# smtp-source, alone, with bench/nullmilter and with clientele-milter, over
# TCP and unix sockets, with 10 sessions and with 1.
#
# scripts/postfix-lab.sh builds and starts the private Postfix.  Its sink
# writes one file per message; for the bench we replace it, on the same
# port, with an smtp-sink that only counts (-c), so that delivery costs the
# same and nothing in every configuration, and a watcher reads the running
# counter to note the moment the last message arrived.
#
# Rate = COUNT / (seconds from starting smtp-source until the sink has
# received all COUNT messages).  That is the end-to-end rate: a message
# counts only once Postfix has received it, run the milter on it, queued it
# and delivered it.  smtp-source's own wall time (until Postfix accepted the
# last message) is recorded too (rate_accept).
#
# Each round starts every configuration afresh (lab, milter, empty store),
# in a rotated order, sends a warm-up batch, then measures 10 sessions and
# 1 session (order alternating between rounds).  smtp-source opens a new
# connection for every message (its default), as independent senders do.
. "$(dirname "$0")/lib.sh"

if [ "$QUICK" = 1 ]; then
	ROUNDS=${ROUNDS:-2}
	COUNT_MANY=${COUNT_MANY:-500}
	COUNT_ONE=${COUNT_ONE:-200}
else
	ROUNDS=${ROUNDS:-5}
	COUNT_MANY=${COUNT_MANY:-3000}
	COUNT_ONE=${COUNT_ONE:-1000}
fi
SIZE=${SIZE:-4096}
SESSIONS_MANY=10
FROM=alice@customer.example
TO=owner@myfirm.example
# clientele-tcp-nodelay (not run by default): clientele-milter under
# bench/nodelay.so, which sets TCP_NODELAY on its connections.  It was the
# diagnostic that found the Nagle stall; the milter now sets the option on
# its listening socket itself, so it measures the same as clientele-tcp.
CONFIGS=${CONFIGS:-"postfix null-tcp clientele-tcp null-unix clientele-unix"}
# BASELINE=PATH (not set by default) adds baseline-tcp and baseline-unix:
# another clientele-milter binary, e.g. the build before a change, measured
# in the same rounds so that the two can be compared side by side.
[ -n "${BASELINE:-}" ] && CONFIGS="$CONFIGS baseline-tcp baseline-unix"

[ "$(id -u)" = 0 ] || die "mail: needs root (a private Postfix)"
[ -x "$LAB" ] || [ -f "$LAB" ] || die "mail: $LAB missing"
command -v smtp-source > /dev/null || PATH=$PATH:/usr/sbin
need "$MILTER" ${BASELINE:+"$BASELINE"}
${MAKE:-make} -s -C "$ROOT" bench/nullmilter bench/nodelay.so >&2 ||
	die "cannot build bench/nullmilter and bench/nodelay.so"

LABDIR=$OUT/mail-lab
MDIR=$OUT/mail
mkdir -p "$MDIR"
chmod 755 "$MDIR"

cleanup() {
	sh "$LAB" stop "$LABDIR" > /dev/null 2>&1
}
trap cleanup EXIT
trap 'cleanup; exit 1' INT TERM

# start_config NAME - lab, sink and milter for one configuration
start_config() {
	wrap=
	case $1 in
	*-nodelay) wrap="env LD_PRELOAD=$BENCH/nodelay.so" ;;
	esac
	case $1 in
	*-tcp | *-tcp-*) sock=inet:$MPORT@127.0.0.1 ;;
	*-unix)	sock=unix:$MDIR/milter.sock ;;
	*)	sock= ;;
	esac
	rm -f "$MDIR/milter.sock" "$MDIR"/milter.db*
	lab_start "$LABDIR" ${sock:+--milter "$sock"} || return 1
	lab_counting_sink "$LABDIR" "$SINK_PORT"
	case $1 in
	null-*)
		sh "$LAB" spawn "$LABDIR" milter "$NULLMILTER" -p "$sock" ;;
	clientele-* | baseline-*)
		bin=$MILTER
		case $1 in baseline-*) bin=$BASELINE ;; esac
		cat > "$MDIR/milter.conf" <<-EOF
		Database $MDIR/milter.db
		OwnDomains myfirm.example
		SocketMode 0666
		${MILTER_CONF_EXTRA:-}
		EOF
		sh "$LAB" spawn "$LABDIR" milter $wrap "$bin" -f \
		    -c "$MDIR/milter.conf" -p "$sock" ;;
	esac
	if [ -n "$sock" ]; then
		sh "$LAB" wait-socket "$sock" 20 || return 1
		[ -S "$MDIR/milter.sock" ] && chmod 666 "$MDIR/milter.sock"
	fi
	send 5 20 > /dev/null
}

# send SESSIONS COUNT - one measured batch; prints "accept_s deliver_s"
send() {
	base=$(sink_count "$LABDIR")
	want=$((base + $2))
	rm -f "$MDIR/done" "$MDIR/tail.pid"
	(
		sh -c 'echo $$ > "$1"; exec tail -c0 -f "$2"' tail \
		    "$MDIR/tail.pid" "$LABDIR/log/sink.log" |
		    stdbuf -o0 tr '\r' '\n' | {
			while IFS= read -r l; do
				n=${l##*mesg=}
				n=${n%% *}
				case $n in '' | *[!0-9]*) continue ;; esac
				[ "$n" -ge "$want" ] && break
			done
			now > "$MDIR/done"
			kill -s PIPE "$(cat "$MDIR/tail.pid")" 2> /dev/null
		}
	) &
	wpid=$!
	wait_for test -s "$MDIR/tail.pid" || die "watcher did not start"
	sleep 0.05
	c0=$(milter_ticks)
	t0=$(now)
	smtp-source -l "$SIZE" -m "$2" -s "$1" -f "$FROM" -t "$TO" \
	    "127.0.0.1:$SMTP_PORT" 2>> "$MDIR/source.err"
	t1=$(now)
	i=0
	while [ ! -s "$MDIR/done" ]; do
		i=$((i + 1))
		if [ $i -gt 3000 ]; then	# 150 s
			say "only $(($(sink_count "$LABDIR") - base)) of $2 delivered"
			kill -s PIPE "$(cat "$MDIR/tail.pid")" 2> /dev/null
			wait $wpid
			return 1
		fi
		sleep 0.05
	done
	wait $wpid
	echo "$(secs "$t0" "$t1") $(secs "$t0" "$(cat "$MDIR/done")")" \
	    "$(awk -v a="$c0" -v b="$(milter_ticks)" -v n="$2" -v hz="$HZ" \
	    'BEGIN { printf "%.0f\n", (b - a) * 1e6 / hz / n }')"
}

# milter_ticks - user + system CPU of the running milter so far, in clock
# ticks (0 without one)
milter_ticks() {
	pid=$(cat "$LABDIR/run/milter.pid" 2> /dev/null) &&
	    [ -r "/proc/$pid/stat" ] || { echo 0; return; }
	# fields 14 and 15 once the command name (which may hold spaces) is cut
	sed 's/.*) //' "/proc/$pid/stat" | awk '{ print $12 + $13 }'
}
HZ=$(getconf CLK_TCK)

MPORT=$(sh "$LAB" free-port 24000) || die "no free port"
RAW=$OUT/mail.tsv
printf 'round\tconfig\tsessions\tmessages\taccept_s\tdeliver_s\trate_accept\trate\tload1\tmilter_cpu_us\n' > "$RAW"
: > "$MDIR/source.err"
say "mail: $ROUNDS rounds of $CONFIGS; $COUNT_MANY msgs x $SESSIONS_MANY sessions, $COUNT_ONE x 1; $SIZE bytes"
r=1
while [ $r -le "$ROUNDS" ]; do
	# rotate the order so no configuration always runs first
	set -- $CONFIGS
	k=1
	while [ $k -lt $r ]; do
		first=$1
		shift
		set -- "$@" "$first"
		k=$((k + 1))
	done
	for c in "$@"; do
		if ! start_config "$c"; then
			say "round $r $c: could not start; skipped"
			sh "$LAB" stop "$LABDIR" > /dev/null 2>&1
			continue
		fi
		if [ $((r % 2)) = 1 ]; then
			runs="$SESSIONS_MANY:$COUNT_MANY 1:$COUNT_ONE"
		else
			runs="1:$COUNT_ONE $SESSIONS_MANY:$COUNT_MANY"
		fi
		for run in $runs; do
			s=${run%%:*}
			n=${run#*:}
			if res=$(send "$s" "$n"); then
				set -- $res
				printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' $r "$c" "$s" "$n" \
				    "$1" "$2" "$(rate "$n" "$1")" "$(rate "$n" "$2")" \
				    "$(cut -d ' ' -f 1 /proc/loadavg)" "$3" >> "$RAW"
				say "round $r $c s=$s: $(rate "$n" "$2") msgs/s, milter CPU $3 µs/msg"
			else
				say "round $r $c s=$s: failed"
			fi
		done
		sh "$LAB" stop "$LABDIR" > /dev/null 2>&1
	done
	r=$((r + 1))
done
errs=$(grep -c . "$MDIR/source.err")
[ "$errs" -gt 0 ] && say "smtp-source reported $errs error lines: $MDIR/source.err"

# ---- report ----
# med CONFIG SESSIONS COLUMN - "median min max" over the rounds
med() {
	awk -F '\t' -v c="$1" -v s="$2" -v k="$3" \
	    'NR > 1 && $2 == c && $3 == s { print $k }' "$RAW" | stats
}
{
	echo "## 2. Mail path: Postfix, nullmilter, clientele-milter"
	echo
	stamp
	echo
	echo "Lab Postfix (\`scripts/postfix-lab.sh\`) on loopback relaying to a"
	echo "counting \`smtp-sink\`, loaded by \`smtp-source -l $SIZE\` (a new"
	echo "connection per message), $ROUNDS rounds, configurations interleaved"
	echo "in rotated order, each started afresh with an empty store."
	echo "msgs/s = messages / time from the start of smtp-source until the"
	echo "sink had them all (end to end: accepted, milter run, queued,"
	echo "delivered). \"accept\" is smtp-source's own wall time, until Postfix"
	echo "had accepted the last one. \"milter CPU\" is the milter process's"
	echo "user + system time (/proc) over the batch, per message."
	echo
	echo "| configuration | sessions | messages | msgs/s median | min-max | accept msgs/s | vs Postfix alone | milter CPU µs/msg |"
	echo "|---|---:|---:|---:|---:|---:|---:|---:|"
	for s in $SESSIONS_MANY 1; do
		set -- $(med postfix "$s" 8)
		pf=$1
		for c in $CONFIGS; do
			grep -q "	$c	" "$RAW" || continue
			set -- $(med "$c" "$s" 8)
			m=$1 lo=$2 hi=$3
			set -- $(med "$c" "$s" 7)
			acc=$1
			set -- $(med "$c" "$s" 10)
			cpu=$([ "$c" = postfix ] && echo - || echo "$1")
			n=$([ "$s" = 1 ] && echo "$COUNT_ONE" || echo "$COUNT_MANY")
			echo "| $c | $s | $n | $m | $lo-$hi | $acc | $(ratio "$m" "$pf")% | $cpu |"
		done
	done
	echo
	echo "clientele-milter against nullmilter (medians, end to end; CPU is the"
	echo "milter's µs per message, and how much more than nullmilter's):"
	echo
	echo "| milter | socket | sessions | msgs/s | nullmilter msgs/s | ratio | target | | CPU µs/msg | nullmilter | CPU over nullmilter |"
	echo "|---|---|---:|---:|---:|---:|---:|---|---:|---:|---:|"
	for prog in clientele baseline; do
		for sock in tcp unix tcp-nodelay; do
			for s in $SESSIONS_MANY 1; do
				grep -q "	$prog-$sock	" "$RAW" || continue
				set -- $(med "$prog-$sock" "$s" 8)
				cm=$1
				set -- $(med "null-${sock%-nodelay}" "$s" 8)
				nm=$1
				set -- $(med "$prog-$sock" "$s" 10)
				cc=$1
				set -- $(med "null-${sock%-nodelay}" "$s" 10)
				nc=$1
				p=$(ratio "$cm" "$nm")
				t=90
				[ "$s" = 1 ] && [ $sock != unix ] && t=80
				label=$sock
				[ $sock = tcp-nodelay ] && label="tcp + TCP_NODELAY shim (diagnostic)"
				echo "| $prog | $label | $s | $cm | $nm | $p% | >= $t% | $(met "$p" ">=" $t) | $cc | $nc | $(awk -v a="$cc" -v b="$nc" 'BEGIN { printf "%+.0f", a - b }') |"
			done
		done
	done
	echo
	echo "![mail](bench/plots/mail.png)"
	echo
} > "$OUT/mail.md"

{
	echo "set title 'Messages per second through Postfix (median, min-max; $SIZE-byte messages)'"
	echo "set style data histograms"
	echo "set style histogram errorbars gap 2 lw 1"
	echo "set style fill solid 0.6 border -1"
	echo "set yrange [0:*]; set ylabel 'messages/s'; set grid ytics"
	echo "set key top right"
	echo "\$d << END"
	for c in $CONFIGS; do
		grep -q "	$c	" "$RAW" || continue
		set -- $(med "$c" $SESSIONS_MANY 8)
		a="$1 $2 $3"
		set -- $(med "$c" 1 8)
		echo "$c $a $1 $2 $3"
	done
	echo "END"
	echo "plot \$d using 2:3:4:xtic(1) title '$SESSIONS_MANY sessions', '' using 5:6:7 title '1 session'"
} | plot mail
say "mail: done ($OUT/mail.md)"
