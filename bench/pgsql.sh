#!/bin/sh
# pgsql.sh - PostgreSQL beside SQLite, in one run, on a private server
# (tests/lib_pg.sh: initdb under /var/tmp, a unix socket, fsync off, as
# the tests run it).
#
#   ingest  `clientele ingest` of a gen-mbox mailbox (2 x NI messages)
#           into an empty store: SQLite, PostgreSQL
#   mail    lab Postfix -> counting smtp-sink under smtp-source (10
#           sessions), with bench/nullmilter, with clientele-milter on
#           SQLite, on PostgreSQL, and two Postfix+milter "servers" loaded
#           at once sharing one PostgreSQL (their messages added up); and
#           two Postfix+nullmilter servers, what two servers can reach on
#           this machine at all (null-two)
#   report  the report commands at NR customers (gen-mbox, ingested into
#           SQLite, then `clientele migrate` into PostgreSQL): customers,
#           referrers, problems, ideal; wall time including process start
#
# QUICK=1: NI 2,000, NR 10,000, fewer rounds.  Targets (issue 17): reports
# under 300 ms at 100,000 customers on PostgreSQL; two milters on one
# PostgreSQL at least 1.6 x the mail of one; the milter on PostgreSQL at
# least 80% of the do-nothing milter.  Raw rows in bench/out/pgsql-*.tsv,
# the tables in bench/out/pgsql.md (report.sh puts them in BENCHMARKS.md).
# BENCH_MILTER=PATH runs another build's clientele-milter (before/after).
# BENCH_MILTER_BEFORE=PATH with CONFIGS naming pg-before or pg-two-before:
# those configurations run that build's milter, in the same rounds as
# this one's (side by side).
# BENCH_BEFORE=PATH: the report part also runs another build's clientele,
# alternately with this one in each round (engines sqlite-before and
# pg-before), and the reports table gets its medians beside these.
# REPORT_DB=PATH: the report part copies that SQLite store (one gen-mbox
# run of NR customers made earlier) instead of generating and ingesting.
#
# LIMIT=cpu (the default) loads each server as fast as it takes mail: on a
# 2-core machine one lab Postfix with smtp-source and the sink keeps both
# cores busy, so the mail part measures the CPU, and two servers only
# share it.  LIMIT=latency loads each server with far-away peers
# (bench/slowpeer.py: LSESSIONS peers, each waiting RTT_MS, 0.5x to 1.5x,
# before every command), as a real server is loaded: the peers' latency,
# not this machine's CPU, sets the pace, and a store that serialized the
# servers would show as pg-two falling short of twice pg.  Its rows go to
# bench/out/pgsql-mail-latency.tsv; both tables note the machine's CPU
# use (/proc/stat, all processes, other work included) and load average
# over each batch.  LOCKS=1: while a pg configuration runs, one psql
# samples the store's writer lock every 20 ms (pg_locks): the share of
# samples in which a milter held it, and the writers waiting for it.
. "$(dirname "$0")/lib.sh"
. "$ROOT/tests/lib_pg.sh"

if [ "$QUICK" = 1 ]; then
	NI=${NI:-2000}
	NR=${NR:-10000}
	ROUNDS=${ROUNDS:-2}
	COUNT=${COUNT:-500}
else
	NI=${NI:-10000}
	NR=${NR:-100000}
	ROUNDS=${ROUNDS:-5}
	COUNT=${COUNT:-2000}
fi
SIZE=${SIZE:-4096}
SESSIONS=10
HZ=$(getconf CLK_TCK)
LIMIT=${LIMIT:-cpu}
LSESSIONS=${LSESSIONS:-30}
RTT_MS=${RTT_MS:-50}
LOCKS=${LOCKS:-0}
case $LIMIT in
cpu|latency) ;;
*)	die "pgsql: LIMIT is cpu or latency, not '$LIMIT'" ;;
esac
FROM=alice@customer.example
TO=owner@myfirm.example
CONFIGS=${CONFIGS:-"null null-two sqlite pg pg-two"}
PARTS=${PARTS:-"ingest mail report"}

[ "$(id -u)" = 0 ] || die "pgsql: needs root (a private Postfix and PostgreSQL)"
MILTER=${BENCH_MILTER:-$MILTER}
need "$CLIENTELE" "$MILTER"
case " $CONFIGS " in
*-before\ *)	[ -n "${BENCH_MILTER_BEFORE:-}" ] ||
		die "pgsql: a -before configuration needs BENCH_MILTER_BEFORE"
	need "$BENCH_MILTER_BEFORE" ;;
esac
build_bench
${MAKE:-make} -s -C "$ROOT" bench/nullmilter >&2 || die "cannot build bench/nullmilter"
command -v smtp-source > /dev/null || PATH=$PATH:/usr/sbin
mkdir -p "$OUT" "$WORK"
PDIR=$OUT/pgsql
rm -rf "$PDIR"
mkdir -p "$PDIR"
chmod 755 "$PDIR"

cleanup() {
	for d in "$PDIR"/lab1 "$PDIR"/lab2; do
		[ -d "$d" ] && sh "$LAB" stop "$d" > /dev/null 2>&1
	done
	pg_stop
}
pg_start "$PDIR" || die "pgsql: the private PostgreSQL did not start"
trap cleanup EXIT
trap 'cleanup; exit 1' INT TERM
PG_VER=$("$PG_BIN/postgres" --version | awk '{ print $3 }')

# conf FILE DATABASE SPOOL - a configuration for the bench's stores; every
# personal sender a customer at once, so that the reports list them all
conf() {
	printf 'Database %s\nOwnDomains myfirm.example\nCustomerPolicy incoming\nSyslog no\nSpoolDir %s\nSocketMode 0666\n' \
	    "$2" "$3" > "$1"
}

# ms_of START END - milliseconds between two `now` stamps
ms_of() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f\n", (b - a) * 1000 }'; }

# med FILE KEYCOL KEY VALCOL - "median min max"
med() { col "$1" "$2" "$3" "$4" | stats; }

# ---------------------------------------------------------------- ingest
ING=$OUT/pgsql-ingest.tsv
part_ingest() {
	gen_mbox "$NI"
	printf 'engine\tround\tseconds\tmessages\trate\n' > "$ING"
	r=1
	while [ $r -le "$ROUNDS" ]; do
		for e in sqlite pg; do
			if [ $e = sqlite ]; then
				rm -f "$PDIR"/ingest.db*
				conf "$PDIR/ingest.conf" "$PDIR/ingest.db" "$PDIR/spool"
			else
				sh -c "$PG_RESET" || die "reset"
				conf "$PDIR/ingest.conf" "$PG_URI" "$PDIR/spool"
			fi
			t0=$(now)
			"$CLIENTELE" -c "$PDIR/ingest.conf" ingest "$mbox" \
			    > "$PDIR/ingest.log" 2>&1 || die "ingest into $e: $(tail -n 3 "$PDIR/ingest.log")"
			t1=$(now)
			n=$((2 * NI))
			printf '%s\t%s\t%s\t%s\t%s\n' $e $r "$(secs "$t0" "$t1")" $n \
			    "$(rate $n "$(secs "$t0" "$t1")")" >> "$ING"
			say "ingest round $r $e: $(rate $n "$(secs "$t0" "$t1")") msgs/s"
		done
		r=$((r + 1))
	done
}

# ------------------------------------------------------------------ mail
MAIL=$OUT/pgsql-mail.tsv
[ "$LIMIT" = cpu ] || MAIL=$OUT/pgsql-mail-$LIMIT.tsv
# server N CONFIG - lab N (1 or 2) with its milter for CONFIG; sets PORTn
server() {
	d=$PDIR/lab$1
	mport=$(sh "$LAB" free-port $((24000 + $1 * 10))) || return 1
	sock=inet:$mport@127.0.0.1
	lab_start "$d" --milter "$sock" || return 1
	eval "PORT$1=\$SMTP_PORT"
	lab_counting_sink "$d" "$SINK_PORT"
	mkdir -p "$PDIR/spool$1"
	case $2 in
	null*)	sh "$LAB" spawn "$d" milter "$NULLMILTER" -p "$sock" ;;
	sqlite)	rm -f "$PDIR"/milter.db*
		conf "$PDIR/m$1.conf" "$PDIR/milter.db" "$PDIR/spool$1"
		sh "$LAB" spawn "$d" milter "$MILTER" -f -c "$PDIR/m$1.conf" \
		    -p "$sock" ;;
	pg*)	conf "$PDIR/m$1.conf" "$PG_URI" "$PDIR/spool$1"
		m=$MILTER
		case $2 in *-before) m=$BENCH_MILTER_BEFORE ;; esac
		sh "$LAB" spawn "$d" milter "$m" -f -c "$PDIR/m$1.conf" \
		    -p "$sock" ;;
	esac
	sh "$LAB" wait-socket "$sock" 20
}

# blast N COUNT - smtp-source (LIMIT=latency: slow peers, whose summary
# line goes to $PDIR/peers.N) into lab N in the background
blast() {
	eval "p=\$PORT$1"
	if [ "$LIMIT" = latency ]; then
		python3 "$BENCH/slowpeer.py" 127.0.0.1 "$p" "$2" "$LSESSIONS" \
		    "$RTT_MS" "$SIZE" "$1" > "$PDIR/peers.$1" 2>> "$PDIR/source.err" &
		return
	fi
	smtp-source -l "$SIZE" -m "$2" -s "$SESSIONS" -f "$FROM" -t "$TO" \
	    "127.0.0.1:$p" 2>> "$PDIR/source.err" &
}

# bench_ticks - clock ticks used so far by what the bench runs: each lab's
# Postfix (its master and every process the master ran), the lab's milter
# and sink, and the PostgreSQL server with its backends.  Not the load
# generator: slowpeer.py reports its own.
bench_ticks() {
	pids=$(cat "$PG_DIR/data/postmaster.pid" 2> /dev/null | head -n 1)
	for d in "$PDIR"/lab1 "$PDIR"/lab2; do
		[ -f "$d/lab.ext" ] || continue
		pids="$pids $(cat "$(cat "$d/lab.ext")/queue/pid/master.pid" \
		    "$d"/run/*.pid 2> /dev/null | tr -dc '0-9\n' | tr '\n' ' ')"
	done
	tree_ticks $pids
}

# measure NLABS COUNT - COUNT messages into each lab at once; prints the
# seconds until every sink had them all, the machine's CPU use meanwhile
# (percent of all cores, every process on the machine), and the bench's
# own (bench_ticks, plus the slow peers' under LIMIT=latency), the same way
measure() {
	b1=$(sink_count "$PDIR/lab1")
	b2=0
	[ "$1" = 2 ] && b2=$(sink_count "$PDIR/lab2")
	rm -f "$PDIR"/peers.1 "$PDIR"/peers.2
	c0=$(cpu_ticks)
	k0=$(bench_ticks)
	t0=$(now)
	blast 1 "$2"
	[ "$1" = 2 ] && blast 2 "$2"
	i=0
	while [ "$(sink_count "$PDIR/lab1")" -lt $((b1 + $2)) ] ||
	    { [ "$1" = 2 ] && [ "$(sink_count "$PDIR/lab2")" -lt $((b2 + $2)) ]; }; do
		i=$((i + 1))
		[ $i -gt 6000 ] && { wait; return 1; }
		sleep 0.02
	done
	t1=$(now)
	c1=$(cpu_ticks)
	k1=$(bench_ticks)
	wait
	# the slow peers' own CPU seconds (field 8) in ticks
	k1=$(cat "$PDIR"/peers.[12] 2> /dev/null | awk -v k="$k1" -v hz="$HZ" \
	    '{ k += $8 * hz } END { printf "%.0f\n", k }')
	own=$(awk -v a="$k0" -v b="$k1" -v s="$(secs "$t0" "$t1")" -v hz="$HZ" \
	    -v n="$(nproc)" 'BEGIN { printf "%.0f\n", (s > 0 ? 100 * (b - a) / (s * hz * n) : 0) }')
	echo "$(secs "$t0" "$t1") $(busy_pct "$c0" "$c1") $own"
}

# lock_sampler_start CONFIG - LOCKS=1 and a pg configuration: one psql in
# the background writes "held waiting" for the writer lock every 20 ms
# (the advisory lock PG_LOCK_WRITER of src/lib/store/pgsql/pgsql_int.h,
# "clnt") into $PDIR/locks
lock_sampler_start() {
	SAMPLER=
	rm -f "$PDIR/locks"
	[ "$LOCKS" = 1 ] && [ "${1#pg}" != "$1" ] || return 0
	printf '%s\n' "SELECT count(*) FILTER (WHERE granted),
	    count(*) FILTER (WHERE NOT granted) FROM pg_locks
	    WHERE locktype = 'advisory' AND classid = 0
	    AND objid = $((0x636c6e74))" '\watch 0.02' |
	    "$PG_BIN/psql" -X -q -A -t -F ' ' -h "$PG_DIR" -p "$PG_PORT" \
	    -U postgres -d clientele > "$PDIR/locks" 2> /dev/null &
	SAMPLER=$!
}

# lock_sampler_stop - ends the sampler; prints "held_pct\twaiting_mean"
# (empty fields without one)
lock_sampler_stop() {
	if [ -z "$SAMPLER" ]; then
		printf '\t'
		return
	fi
	kill "$SAMPLER" 2> /dev/null
	wait "$SAMPLER" 2> /dev/null
	awk 'NF == 2 { n++; h += $1; w += $2 }
	    END { if (n) printf "%.0f\t%.2f", 100 * h / n, w / n; else printf "\t" }' \
	    "$PDIR/locks"
}

# peers_dot - LIMIT=latency: the slow peers' median and 90th percentile
# time from the final dot to the reply, ms, of the slower lab ("p50\tp90");
# nothing under LIMIT=cpu
peers_dot() {
	[ "$LIMIT" = latency ] || { printf '\t'; return; }
	cat "$PDIR"/peers.[12] 2> /dev/null | awk '
	    $4 > p50 { p50 = $4 } $5 > p90 { p90 = $5 }
	    END { printf "%s\t%s", p50 + 0, p90 + 0 }'
}

part_mail() {
	printf 'round\tconfig\tmessages\tseconds\trate\tspooled\tcpu_pct\tload1\tdot_p50_ms\tdot_p90_ms\tbench_cpu_pct\tlock_held_pct\tlock_waiting\n' > "$MAIL"
	: > "$PDIR/source.err"
	r=1
	while [ $r -le "$ROUNDS" ]; do
		set -- $CONFIGS
		k=1
		while [ $k -lt $r ]; do	# rotate the order
			first=$1; shift; set -- "$@" "$first"; k=$((k + 1))
		done
		for c in "$@"; do
			sh -c "$PG_RESET" || die "reset"
			rm -rf "$PDIR"/spool1 "$PDIR"/spool2
			n=1
			server 1 "$c" || { say "round $r $c: no server 1"; continue; }
			if [ "${c%-two}" != "$c" ] || [ "${c%-two-before}" != "$c" ]; then
				n=2
				server 2 "$c" || { say "round $r $c: no server 2"; continue; }
			fi
			measure $n 20 > /dev/null	# warm-up
			lock_sampler_start "$c"
			if m=$(measure $n "$COUNT"); then
				lk=$(lock_sampler_stop)
				s=${m%% *}
				cpu=${m#* }
				own=${cpu#* }
				cpu=${cpu%% *}
				tot=$((n * COUNT))
				sp=$(ls "$PDIR"/spool1 "$PDIR"/spool2 2> /dev/null | grep -c '\.msg$' || true)
				ld=$(cut -d ' ' -f 1 /proc/loadavg)
				dot=$(peers_dot)
				printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' $r $c $tot "$s" \
				    "$(rate $tot "$s")" "$sp" "$cpu" "$ld" "$dot" "$own" "$lk" >> "$MAIL"
				more=
				[ "$LIMIT" = cpu ] || more=", dot ms $dot"
				[ -z "$SAMPLER" ] || more="$more, writer lock held/waiting $lk"
				say "mail round $r $c: $(rate $tot "$s") msgs/s, CPU $cpu% (bench $own%), load $ld$(printf '%s' "$more" | tr '\t' ' ')"
			else
				lock_sampler_stop > /dev/null
				say "mail round $r $c: not all delivered"
			fi
			sh "$LAB" stop "$PDIR/lab1" > /dev/null 2>&1
			[ $n = 2 ] && sh "$LAB" stop "$PDIR/lab2" > /dev/null 2>&1
		done
		r=$((r + 1))
	done
}

# ---------------------------------------------------------------- report
REP=$OUT/pgsql-report.tsv
part_report() {
	db=$OUT/pgsql-$NR.db
	[ "${REPORT_DB:-}" != "$db" ] || die "REPORT_DB: copy it elsewhere first"
	rm -f "$db" "$db-wal" "$db-shm"
	conf "$PDIR/sqlite.conf" "$db" "$PDIR/spool"
	conf "$PDIR/pg.conf" "$PG_URI" "$PDIR/spool"
	sh -c "$PG_RESET" || die "reset"
	printf 'engine\tquery\tround\tms\tout_bytes\n' > "$REP"
	if [ -n "${REPORT_DB:-}" ]; then
		say "report: the store $REPORT_DB"
		cp "$REPORT_DB" "$db" || die "cannot copy $REPORT_DB"
	else
		gen_mbox "$NR"
		say "report: ingest $NR customers into SQLite"
		t0=$(now)
		"$CLIENTELE" -c "$PDIR/sqlite.conf" ingest "$mbox" \
		    > "$PDIR/r-ingest.log" 2>&1 ||
			die "ingest: $(tail -n 3 "$PDIR/r-ingest.log")"
		t1=$(now)
		printf 'sqlite\tingest\t1\t%s\t0\n' "$(ms_of "$t0" "$t1")" >> "$REP"
	fi
	say "report: migrate into PostgreSQL"
	t0=$(now)
	"$CLIENTELE" -c "$PDIR/sqlite.conf" migrate --to "$PG_URI" \
	    > "$PDIR/migrate.log" 2>&1 || die "migrate: $(cat "$PDIR/migrate.log")"
	t1=$(now)
	printf 'pg\tmigrate\t1\t%s\t0\n' "$(ms_of "$t0" "$t1")" >> "$REP"
	pg_psql "VACUUM ANALYZE" > /dev/null
	engines="sqlite pg"
	[ -z "${BENCH_BEFORE:-}" ] || engines="sqlite-before sqlite pg-before pg"
	for q in customers referrers problems ideal; do
		r=1
		while [ $r -le "$ROUNDS" ]; do
			for e in $engines; do
				bin=$CLIENTELE
				[ "${e%-before}" = "$e" ] || bin=$BENCH_BEFORE
				t0=$(now)
				"$bin" -c "$PDIR/${e%-before}.conf" $q > "$PDIR/q.out" \
				    2> "$PDIR/q.err" < /dev/null ||
					say "$e $q failed: $(head -c 300 "$PDIR/q.err")"
				t1=$(now)
				printf '%s\t%s\t%s\t%s\t%s\n' $e "$q" $r \
				    "$(ms_of "$t0" "$t1")" "$(stat -c %s "$PDIR/q.out")" >> "$REP"
			done
			r=$((r + 1))
		done
	done
}

# rep_med ENGINE QUERY - "median min max" of the report rows of ENGINE
rep_med() {
	awk -F '\t' -v e="$1" -v q="$2" \
	    'NR > 1 && $1 == e && $2 == q { print $4 }' "$REP" | stats
}

for p in $PARTS; do
	say "pgsql: $p"
	"part_$p"
done

# ------------------------------------------------------------ the tables
{
	echo "## 6. PostgreSQL beside SQLite (issue 17)"
	echo
	stamp
	echo
	echo "A private PostgreSQL $PG_VER (\`tests/lib_pg.sh\`: a unix socket,"
	echo "fsync off, as the tests run it) on the same machine as everything"
	echo "else; medians of $ROUNDS rounds, min-max."
	if [ -s "$ING" ]; then
		echo
		echo "**Ingest** of a gen-mbox mailbox ($((2 * NI)) messages, $NI customers) into an"
		echo "empty store:"
		echo
		echo "| engine | msgs/s median | min-max |"
		echo "|---|---:|---:|"
		for e in sqlite pg; do
			set -- $(med "$ING" 1 $e 5)
			echo "| $e | $1 | $2-$3 |"
		done
	fi
	if [ -s "$MAIL" ]; then
		echo
		if [ "$LIMIT" = cpu ]; then
			echo "**Mail through Postfix, CPU-bound**: lab Postfix -> counting smtp-sink,"
			echo "\`smtp-source -s $SESSIONS -l $SIZE\`, $COUNT messages into each"
		else
			echo "**Mail through Postfix, latency-bound**: lab Postfix -> counting"
			echo "smtp-sink, loaded by \`bench/slowpeer.py\`: $LSESSIONS peers per server, each"
			echo "waiting a round trip of $RTT_MS ms (0.5x to 1.5x) before every command,"
			echo "a new connection per message, $COUNT messages into each"
		fi
		echo "server, end to end (until the sink had them all). pg-two is two"
		echo "Postfix + clientele-milter servers loaded at once, sharing one"
		echo "PostgreSQL; its rate is both servers' messages together.  CPU is"
		echo "the machine's (all processes, other work included; both cores ="
		echo "100%) over the batch; bench CPU is the bench's own share of it (the"
		echo "labs' Postfix, milters and sinks, PostgreSQL$([ "$LIMIT" = cpu ] || echo ", the slow peers")); load is the"
		echo "1-minute load average at the batch's end."
		[ "$LIMIT" = cpu ] || echo "dot ms: from the final dot to Postfix's reply (the milter's end of message), the slower server's."
		[ "$LOCKS" != 1 ] || echo "lock: the share of 20 ms samples in which a milter held the store's writer lock, and the writers waiting for it (mean)."
		echo
		echo "| configuration | msgs/s median | min-max | spooled | CPU % | bench CPU % | load min-max | dot ms p50 / p90 | lock held % / waiting |"
		echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
		for c in $CONFIGS; do
			set -- $(med "$MAIL" 2 $c 5)
			sp=$(col "$MAIL" 2 $c 6 | awk '{ s += $1 } END { print s + 0 }')
			cpu=$(med "$MAIL" 2 $c 7)
			own=$(med "$MAIL" 2 $c 11)
			set -- "$@" $(med "$MAIL" 2 $c 8)
			dot=-
			[ "$LIMIT" = cpu ] ||
				dot="$(med "$MAIL" 2 $c 9 | cut -d ' ' -f 1) / $(med "$MAIL" 2 $c 10 | cut -d ' ' -f 1)"
			lk=-
			[ -z "$(col "$MAIL" 2 $c 12 | grep .)" ] ||
				lk="$(med "$MAIL" 2 $c 12 | cut -d ' ' -f 1) / $(med "$MAIL" 2 $c 13 | cut -d ' ' -f 1)"
			echo "| $c | $1 | $2-$3 | $sp | ${cpu%% *} | ${own%% *} | $5-$6 | $dot | $lk |"
		done
		set -- $(med "$MAIL" 2 null 5); nm=$1
		set -- $(med "$MAIL" 2 sqlite 5); sm=$1
		set -- $(med "$MAIL" 2 pg 5); pm=$1
		set -- $(med "$MAIL" 2 pg-two 5); tm=$1
		set -- $(med "$MAIL" 2 null-two 5); ntm=${1:-0}
		p=$(ratio "$pm" "$nm")
		x=$(awk -v a="$tm" -v b="$pm" 'BEGIN { printf "%.2f\n", (b > 0 ? a / b : 0) }')
		nx=$(awk -v a="$ntm" -v b="$nm" 'BEGIN { printf "%.2f\n", (b > 0 ? a / b : 0) }')
		rx=$(awk -v a="$x" -v b="$nx" 'BEGIN { printf "%.0f\n", (b > 0 ? 100 * a / b : 0) }')
		echo
		echo "| target ($LIMIT-bound) | measured | |"
		echo "|---|---:|---|"
		echo "| milter on PostgreSQL >= 80% of nullmilter | $p% | $(met "$p" ">=" 80) |"
		echo "| (milter on SQLite vs nullmilter, for reference) | $(ratio "$sm" "$nm")% | |"
		echo "| two milters on one PostgreSQL >= 1.6 x one | ${x} x | $(met "$x" ">=" 1.6) |"
		echo "| (two nullmilter servers vs one, the machine's ceiling) | ${nx} x | |"
		echo "| (pg-two's ratio against null-two's, same run) | ${rx}% | |"
	fi
	if [ -s "$REP" ]; then
		echo
		ing=$(col "$REP" 2 ingest 4)
		if [ -n "$ing" ]; then
			echo "**Reports at $NR customers** (gen-mbox, $((2 * NR)) messages;"
			echo "ingested into SQLite in $ing ms, copied into PostgreSQL"
		else
			echo "**Reports at $NR customers** (a copy of an earlier SQLite"
			echo "store, REPORT_DB; copied into PostgreSQL"
		fi
		echo "by \`clientele migrate\` in $(col "$REP" 2 migrate 4) ms), wall time"
		echo "with process start, ms:"
		echo
		if [ -n "${BENCH_BEFORE:-}" ]; then
			echo "| report | SQLite before | SQLite | PostgreSQL before | PostgreSQL median | min-max | output bytes | < 300 ms |"
			echo "|---|---:|---:|---:|---:|---:|---:|---|"
		else
			echo "| report | SQLite median | PostgreSQL median | min-max | output bytes | < 300 ms |"
			echo "|---|---:|---:|---:|---:|---|"
		fi
		for q in customers referrers problems ideal; do
			sq=$(rep_med sqlite $q)
			ob=$(awk -F '\t' -v q=$q 'NR > 1 && $1 == "pg" && $2 == q { print $5 }' "$REP" | tail -n 1)
			before=
			if [ -n "${BENCH_BEFORE:-}" ]; then
				sb=$(rep_med sqlite-before $q)
				pb=$(rep_med pg-before $q)
				before="${sb%% *} | ${sq%% *} | ${pb%% *} |"
			else
				before="${sq%% *} |"
			fi
			set -- $(rep_med pg $q)
			echo "| $q | $before $1 | $2-$3 | $ob | $(met "$1" "<=" 300) |"
		done
	fi
	echo
	cat "$BENCH/pgsql-notes.md"
	echo
} > "$OUT/pgsql.md"
say "pgsql: done ($OUT/pgsql.md)"
