#!/bin/sh
# run.sh - the clientele benchmarks (`make bench`; never part of `make check`).
#
#	sh bench/run.sh [all|ingest|mail|scale|memory|pgsql|report]...
#
# Sections:
#   ingest  `clientele ingest` of the SpamAssassin corpus against the
#           parse-only floor (bench/floor, libetpan alone)
#   mail    lab Postfix -> smtp-sink under smtp-source: Postfix alone, with
#           bench/nullmilter, with clientele-milter; TCP and unix sockets;
#           10 sessions and 1
#   scale   gen-mbox mailboxes of 10,000 and 100,000 customers: ingest rate,
#           store size, report times
#   memory  clientele-milter's resident size under 100 sessions of 10 MB
#   pgsql   PostgreSQL beside SQLite: ingest, the milter through Postfix
#           (one and two servers on one PostgreSQL, against nullmilter)
#           and the reports at 100,000 customers, on a private server
#   report  only rebuild BENCHMARKS.md from the last results in bench/out
#
# QUICK=1 uses fewer rounds and smaller sizes, for trying it out; ROUNDS=N
# overrides the rounds of every section.  Raw results go to bench/out/
# (not committed); plots to bench/plots/ and the tables to BENCHMARKS.md
# (both committed).  Each section runs alone; the report keeps the last
# result of the sections not run this time.
set -u
BENCHDIR=$(cd "$(dirname "$0")" && pwd)

[ $# -eq 0 ] && set -- all
[ "$1" = all ] && set -- ingest mail scale memory pgsql
status=0
for section in "$@"; do
	case $section in
	ingest|mail|scale|memory|pgsql)
		sh "$BENCHDIR/$section.sh" || {
			echo "bench: section $section failed" >&2
			status=1
		}
		;;
	report)	;;
	*)	echo "usage: sh bench/run.sh [all|ingest|mail|scale|memory|pgsql|report]..." >&2
		exit 2 ;;
	esac
done
sh "$BENCHDIR/report.sh" || status=1
exit $status
