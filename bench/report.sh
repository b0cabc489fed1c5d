#!/bin/sh
# report.sh - join the section fragments in bench/out into BENCHMARKS.md.
#
# A section with no fragment (never run on this machine) is listed with the
# command that produces it.  The fragments' numbers are the last run's.
. "$(dirname "$0")/lib.sh"

DOC=$ROOT/BENCHMARKS.md
{
	echo "# clientele benchmarks"
	echo
	echo "Produced by \`make bench\` (\`sh bench/run.sh [ingest|mail|scale|memory|pgsql]\`;"
	echo "\`QUICK=1\` for a short trial run). Raw numbers are in \`bench/out/\`"
	echo "(not committed), plots in \`bench/plots/\`. Figures are medians of the"
	echo "rounds with min-max; they are wall-clock and include process start."
	echo
	echo "Machine:"
	echo
	machine
	if [ -f "$OUT/notes.md" ]; then
		echo
		cat "$OUT/notes.md"
	fi
	echo
	for s in ingest mail scale memory pgsql; do
		if [ -f "$OUT/$s.md" ]; then
			cat "$OUT/$s.md"
		else
			echo "## $s"
			echo
			echo "Not run on this machine yet: \`sh bench/run.sh $s\`."
			echo
		fi
	done
	# who counts in real mail (make realmail)
	if [ -f "$BENCH/realmail.md" ]; then
		cat "$BENCH/realmail.md"
	fi
	if [ -f "$BENCH/findings.md" ]; then
		cat "$BENCH/findings.md"
	fi
} > "$DOC.tmp" && mv "$DOC.tmp" "$DOC"
say "wrote $DOC"
