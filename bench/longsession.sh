#!/bin/sh
# longsession.sh - a diagnostic, not part of `make bench`: many messages over
# one SMTP connection (so over one milter connection, which Postfix keeps
# for the whole SMTP session), every message timed, to look for the 40 ms
# Nagle / delayed-ACK stalls that a new connection per message hides.
#
#	sh bench/longsession.sh		(root: a private Postfix)
#
# Environment: ROUNDS (3), COUNT messages per session (300), SESSIONS
# ("1 10"), FIELDS header sizes ("6 30 60"), CONFIGS (below), BASELINE=PATH
# (another clientele-milter, e.g. the build before a change, run as
# baseline-tcp).  Configurations:
#   null-tcp              bench/nullmilter over TCP (answers every step)
#   clientele-tcp         clientele-milter over TCP
#   clientele-unix        clientele-milter on a unix socket
#   clientele-tcp-nagle   the control: clientele-milter with Nagle turned
#                         back on by bench/nodelay.so (NODELAY_SHIM=off),
#                         which stalls on every message; if it does not,
#                         the run cannot see stalls and proves nothing
# Besides the latency percentiles it notes the kernel's DelayedACKs counter
# (/proc/net/netstat) over each batch: how often a delayed-ACK timer fired
# anywhere on the machine, so only a clear difference means something.
# Raw rows go to bench/out/longsession.tsv, a summary to stdout.
. "$(dirname "$0")/lib.sh"

ROUNDS=${ROUNDS:-3}
COUNT=${COUNT:-300}
SESSIONS=${SESSIONS:-"1 10"}
FIELDS=${FIELDS:-"6 30 60"}
CONFIGS=${CONFIGS:-"null-tcp clientele-tcp clientele-unix clientele-tcp-nagle"}
[ -n "${BASELINE:-}" ] && CONFIGS="$CONFIGS baseline-tcp"

[ "$(id -u)" = 0 ] || die "longsession: needs root (a private Postfix)"
command -v python3 > /dev/null || die "longsession: needs python3"
need "$MILTER" ${BASELINE:+"$BASELINE"}
${MAKE:-make} -s -C "$ROOT" bench/nullmilter bench/nodelay.so >&2 ||
	die "cannot build bench/nullmilter and bench/nodelay.so"

LABDIR=$OUT/longsession-lab
MDIR=$OUT/longsession
RAW=$OUT/longsession.tsv
mkdir -p "$MDIR"
chmod 755 "$MDIR"
trap 'sh "$LAB" stop "$LABDIR" > /dev/null 2>&1' EXIT
trap 'sh "$LAB" stop "$LABDIR" > /dev/null 2>&1; exit 1' INT TERM
MPORT=$(sh "$LAB" free-port 25500) || die "no free port"

# delayed_acks - the kernel's TcpExt DelayedACKs counter
delayed_acks() {
	awk '$1 == "TcpExt:" {
		if (!n) { for (i = 2; i <= NF; i++) f[i] = $i; n = 1; next }
		for (i = 2; i <= NF; i++) if (f[i] == "DelayedACKs") print $i
	}' /proc/net/netstat
}

# ticks - user + system clock ticks of the lab's milter so far
ticks() {
	pid=$(cat "$LABDIR/run/milter.pid" 2> /dev/null) &&
	    [ -r "/proc/$pid/stat" ] || { echo 0; return; }
	sed 's/.*) //' "/proc/$pid/stat" | awk '{ print $12 + $13 }'
}
HZ=$(getconf CLK_TCK)

# start_config NAME - lab, counting sink and milter for one configuration
start_config() {
	case $1 in
	*-unix) sock=unix:$MDIR/milter.sock ;;
	*) sock=inet:$MPORT@127.0.0.1 ;;
	esac
	rm -f "$MDIR/milter.sock" "$MDIR"/milter.db*
	lab_start "$LABDIR" --milter "$sock" || return 1
	lab_counting_sink "$LABDIR" "$SINK_PORT"
	printf 'Database %s\nOwnDomains myfirm.example\nSocketMode 0666\n' \
	    "$MDIR/milter.db" > "$MDIR/milter.conf"
	case $1 in
	null-*) set -- "$NULLMILTER" -p "$sock" ;;
	baseline-*) set -- "$BASELINE" -f -c "$MDIR/milter.conf" -p "$sock" ;;
	*-nagle) set -- env NODELAY_SHIM=off LD_PRELOAD="$BENCH/nodelay.so" \
	    "$MILTER" -f -c "$MDIR/milter.conf" -p "$sock" ;;
	*) set -- "$MILTER" -f -c "$MDIR/milter.conf" -p "$sock" ;;
	esac
	sh "$LAB" spawn "$LABDIR" milter "$@"
	sh "$LAB" wait-socket "$sock" 20 || return 1
	[ -S "$MDIR/milter.sock" ] && chmod 666 "$MDIR/milter.sock"
	python3 "$BENCH/longsession.py" 127.0.0.1 "$SMTP_PORT" 20 1 6 > /dev/null
}

printf 'round\tconfig\tsessions\tfields\tmessages\twall_s\trate\tp50_ms\tp90_ms\tp99_ms\tmax_ms\tover30ms\tdelayed_acks\tmilter_cpu_us\tload1\n' > "$RAW"
say "longsession: $ROUNDS rounds of $CONFIGS; $COUNT msgs per session, sessions $SESSIONS, header fields $FIELDS"
r=1
while [ "$r" -le "$ROUNDS" ]; do
	for c in $CONFIGS; do
		if ! start_config "$c"; then
			say "round $r $c: could not start; skipped"
			continue
		fi
		for s in $SESSIONS; do
			for f in $FIELDS; do
				n=$COUNT
				# the control stalls 40 ms a message: keep it short
				case $c in *-nagle) n=$((COUNT / 10)) ;; esac
				d0=$(delayed_acks)
				c0=$(ticks)
				res=$(python3 "$BENCH/longsession.py" 127.0.0.1 \
				    "$SMTP_PORT" "$n" "$s" "$f") || {
					say "round $r $c s=$s f=$f: failed"
					continue
				}
				c1=$(ticks)
				d1=$(delayed_acks)
				cpu=$(awk -v a="$c0" -v b="$c1" -v n=$((n * s)) -v hz="$HZ" \
				    'BEGIN { printf "%.0f", (b - a) * 1e6 / hz / n }')
				printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$r" "$c" "$s" "$f" \
				    "$res" "$((d1 - d0))" "$cpu" \
				    "$(cut -d ' ' -f 1 /proc/loadavg)" >> "$RAW"
			done
		done
		sh "$LAB" stop "$LABDIR" > /dev/null 2>&1
	done
	r=$((r + 1))
done

# summary: per configuration, sessions and header size, the worst p99 and
# maximum over the rounds, the total of messages over 30 ms, median rate
# and milter CPU
echo "| config | sessions | fields | messages | msgs/s (median) | p50 ms | p99 ms (worst) | max ms (worst) | over 30 ms | DelayedACKs | milter CPU µs/msg |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for c in $CONFIGS; do
	for s in $SESSIONS; do
		for f in $FIELDS; do
			rows=$(awk -F '\t' -v c="$c" -v s="$s" -v f="$f" \
			    'NR > 1 && $2 == c && $3 == s && $4 == f' "$RAW")
			[ -n "$rows" ] || continue
			col() { printf '%s\n' "$rows" | cut -f "$1"; }
			echo "| $c | $s | $f | $(col 5 | awk '{ t += $1 } END { print t }')" \
			    "| $(col 7 | stats | cut -d ' ' -f 1)" \
			    "| $(col 8 | stats | cut -d ' ' -f 1)" \
			    "| $(col 10 | sort -g | tail -1)" \
			    "| $(col 11 | sort -g | tail -1)" \
			    "| $(col 12 | awk '{ t += $1 } END { print t }')" \
			    "| $(col 13 | awk '{ t += $1 } END { print t }')" \
			    "| $(col 14 | stats | cut -d ' ' -f 1) |"
		done
	done
done
