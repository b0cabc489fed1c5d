# lib.sh - helpers shared by the bench sections (sourced, not run).
#
# Every section writes its raw numbers to bench/out/SECTION.tsv, a Markdown
# fragment to bench/out/SECTION.md and its plot to bench/plots/SECTION.png;
# bench/report.sh joins the fragments into BENCHMARKS.md.  Times come from
# `date +%s.%N` (wall clock), so a figure includes fork and exec.

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=$ROOT/bench
OUT=$BENCH/out
WORK=$BENCH/work
PLOTS=$BENCH/plots
CLIENTELE=$ROOT/clientele
MILTER=$ROOT/clientele-milter
NULLMILTER=$BENCH/nullmilter
LAB=$ROOT/scripts/postfix-lab.sh
QUICK=${QUICK:-0}
mkdir -p "$OUT" "$WORK" "$PLOTS"

say() { printf '%s\n' "bench: $*" >&2; }
die() { say "$*"; exit 1; }

now() { date +%s.%N; }

# secs T0 T1 - seconds between two `now` readings, 4 decimals
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.4f\n", b - a }'; }

# rate COUNT SECONDS - COUNT / SECONDS, no decimals
rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f\n", (s > 0 ? n / s : 0) }'; }

# ratio A B - A / B as a percentage with one decimal
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f\n", (b > 0 ? 100 * a / b : 0) }'; }

# stats - numbers on stdin, one a line -> "median min max" (median of an
# even count is the mean of the middle two)
stats() {
	sort -g | awk '{ v[NR] = $1 }
	END {
		if (NR == 0) { print "- - -"; exit }
		m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
		printf "%g %g %g\n", m, v[1], v[NR]
	}'
}

# col FILE KEYCOL KEY VALCOL - values of VALCOL in the rows of a TSV whose
# KEYCOL equals KEY
col() {
	awk -F '\t' -v k="$2" -v key="$3" -v c="$4" \
	    'NR > 1 && $k == key { print $c }' "$1"
}

# met VALUE OP TARGET - "met" or "**missed**"
met() {
	awk -v v="$1" -v op="$2" -v t="$3" 'BEGIN {
		ok = op == ">=" ? v >= t : v <= t
		print ok ? "met" : "**missed**"
	}'
}

# warm FILE... - read files once so the page cache holds them
warm() { cat "$@" > /dev/null; }

# gen_mbox N - mbox becomes $WORK/gen-N.mbox, gen-mbox's N customers
# writing two messages each: made once, kept for later runs, and read
# into the page cache
gen_mbox() {
	mbox=$WORK/gen-$1.mbox
	[ -s "$mbox" ] || "$BENCH/gen-mbox" -n "$1" -o "$mbox" ||
		die "gen-mbox -n $1 failed"
	warm "$mbox"
}

# need PROGRAM... - each is built; otherwise the section says so and stops
need() {
	for f in "$@"; do
		[ -x "$f" ] || die "$f is not built yet (make all); section skipped"
	done
}

# build the bench's own programs (the Makefile's `bench` target built the rest)
build_bench() {
	${MAKE:-make} -s -C "$ROOT" bench-programs >&2 ||
		die "could not build bench/floor and bench/gen-mbox"
}

# machine - facts for the report header, as Markdown list items
machine() {
	cpu=$(awk -F ': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
	mem=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
	ver() { dpkg-query -W -f='${Version}' "$1" 2>/dev/null || echo "?"; }
	echo "- CPU: $cpu, nproc $(nproc), memory $mem"
	echo "- kernel $(uname -r), $(. /etc/os-release && echo "$PRETTY_NAME")"
	echo "- libetpan $(ver libetpan20), SQLite $(ver libsqlite3-0)," \
	    "Postfix $(ver postfix), libmilter $(ver libmilter1.0.1)"
	echo "- compiler: $(${CC:-cc} --version | head -1)"
}

# plot NAME - run gnuplot on the script on stdin, writing bench/plots/NAME.png
plot() {
	if ! command -v gnuplot > /dev/null; then
		say "gnuplot missing: no plot $1"
		cat > /dev/null
		return 0
	fi
	{
		echo "set terminal pngcairo size 720,420 font 'sans,10' noenhanced"
		echo "set output '$PLOTS/$1.png'"
		cat
	} | gnuplot 2> "$OUT/$1.gnuplot.log" || say "gnuplot failed: see $OUT/$1.gnuplot.log"
}

# wait_for TEST... - retry a test command for up to 10 s
wait_for() {
	i=0
	while ! "$@" 2> /dev/null; do
		i=$((i + 1))
		[ $i -gt 200 ] && return 1
		sleep 0.05
	done
	return 0
}

# rss_kb PID FIELD - VmRSS or VmHWM of a process, in kB
rss_kb() { awk -v f="$2:" '$1 == f { print $2 }' "/proc/$1/status"; }

# sink_count LABDIR - messages the lab's counting sink has received so far
sink_count() {
	tr '\r' '\n' < "$1/log/sink.log" |
	    sed -n 's/.*mesg=\([0-9]*\).*/\1/p' | tail -1 | grep . || echo 0
}

# lab_counting_sink LABDIR PORT - replace the lab's smtp-sink, which writes
# every message to a file, by one on the same port that only counts (-c);
# spawned through the lab (log/sink.log, run/sink.pid) so `stop` ends it
lab_counting_sink() {
	old=$(cat "$1/run/sink.pid")
	kill "$old" 2> /dev/null
	i=0
	while kill -0 "$old" 2> /dev/null && [ $i -lt 100 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	wait_for sh -c "! ss -Hltn 'sport = :$2' | grep -q ." ||
		die "old sink still on port $2"
	sh "$LAB" spawn "$1" sink smtp-sink -c -u postfix "127.0.0.1:$2" 256 ||
		die "cannot start the counting sink"
	wait_for sh -c "ss -Hltn 'sport = :$2' | grep -q ." ||
		die "counting sink did not start"
}

# sink_wait LABDIR COUNT SECONDS - until the counting sink has COUNT
sink_wait() {
	i=0
	while [ "$(sink_count "$1")" -lt "$2" ]; do
		i=$((i + 1))
		[ $i -gt $(($3 * 10)) ] && return 1
		sleep 0.1
	done
	return 0
}

# stamp - when and how a section was measured, for its fragment
stamp() {
	if [ "$QUICK" = 1 ]; then
		echo "_Measured $(date -u '+%Y-%m-%d %H:%M') UTC, QUICK=1 (trial run: fewer rounds, smaller sizes)._"
	else
		echo "_Measured $(date -u '+%Y-%m-%d %H:%M') UTC._"
	fi
}

# lab_start LABDIR [--milter SOCKET] - start the lab on ports below the
# ephemeral range (smtp-source's thousands of connections can hold any port
# up there), retrying on another port if a bind still fails; sets
# SMTP_PORT, SINK_PORT, CONF_DIR from its lab.env
lab_start() {
	d=$1
	shift
	try=0
	while [ $try -lt 5 ]; do
		p=$(sh "$LAB" free-port $((21000 + try * 500 + $$ % 400))) || return 1
		q=$(sh "$LAB" free-port $((p + 1))) || return 1
		if sh "$LAB" start "$d" --port "$p" --sink-port "$q" "$@" \
		    > "$OUT/lab-start.log" 2>&1; then
			. "$d/lab.env"
			return 0
		fi
		try=$((try + 1))
	done
	cat "$OUT/lab-start.log" >&2
	return 1
}

# cpu_ticks - "busy total" clock ticks of all CPUs so far (/proc/stat):
# every process on the machine, not only the bench's
cpu_ticks() {
	awk '$1 == "cpu" {
		t = 0
		for (i = 2; i <= NF; i++) t += $i
		print t - $5 - $6, t
		exit
	}' /proc/stat
}

# busy_pct BEFORE AFTER - CPU use between two cpu_ticks readings, percent
# of all cores
busy_pct() {
	echo "$1 $2" | awk '{
		d = $4 - $2
		printf "%.0f\n", (d > 0 ? 100 * ($3 - $1) / d : 0)
	}'
}

# tree_ticks PID... - clock ticks (user + system) of each process, of its
# children it has reaped, and of its children alive now; a Postfix master
# or a postmaster so counts every process it ran.  Missing ones count 0.
tree_ticks() {
	for p in "$@"; do
		[ -r "/proc/$p/stat" ] || continue
		sed 's/.*) //' "/proc/$p/stat" | awk '{ print $12 + $13 + $14 + $15 }'
		for c in $(cat /proc/"$p"/task/*/children 2> /dev/null); do
			sed 's/.*) //' "/proc/$c/stat" 2> /dev/null |
			    awk '{ print $12 + $13 }'
		done
	done | awk '{ s += $1 } END { print s + 0 }'
}
