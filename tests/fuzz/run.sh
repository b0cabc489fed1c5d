#!/bin/sh
# run.sh - build the libFuzzer targets and run each for a share of a
# bounded time (FUZZ_SECONDS in all, default 60): fuzz_parse (parse +
# classify, two thirds, seeded with the test fixtures' mail) and
# fuzz_import (`import`, one third, seeded with tests/fixtures/import/).
#
# The library is built by the project's Makefile with clang in a copy of
# the tree (tests/tmp/fuzz), instrumented for libFuzzer, AddressSanitizer
# and UBSan, so the normal objects are untouched; the copy is updated in
# place, so a second run rebuilds only what changed.  Inputs the fuzzer
# finds interesting are kept in tests/tmp/fuzz-corpus (and
# fuzz-corpus-import) between runs (not committed).  A crash, leak,
# timeout or sanitizer report leaves the input as tests/fuzz/crash-* (or
# leak-*, timeout-*) and fails: make it a fixture under
# tests/fixtures/hostile/ (or a case in check_store_import.c) and a test.
#
# FUZZ_JOBS=N runs N fuzzing processes at once (default 1);
# FUZZ_TARGETS="parse import" chooses the targets (default both).
set -eu
cd "$(dirname "$0")/../.."
top=$(pwd)
secs=${FUZZ_SECONDS:-60}
jobs=${FUZZ_JOBS:-1}
targets=${FUZZ_TARGETS:-parse import}
build=tests/tmp/fuzz
corpus=tests/tmp/fuzz-corpus
icorpus=tests/tmp/fuzz-corpus-import
seeds=tests/tmp/fuzz-seeds
out=tests/fuzz
FLAGS="-DCLIENTELE_STRICT_INVARIANTS -O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all"

mkdir -p "$build" "$corpus" "$icorpus"
# a fresh copy of the sources: a file removed from src/ must not linger here
rm -rf "$build/src"
tar cf - --exclude='*.o' --exclude='*.a' --exclude=tests/tmp --exclude='*.d' \
	Makefile src conf | tar xf - -C "$build"
make -s -C "$build" CC=clang CFLAGS="$FLAGS" libclientele.a
pc() { pkg-config "$@" libetpan sqlite3 libpq | sed 's/-specs=[^ ]*//g'; }
for t in $targets; do
	# shellcheck disable=SC2046
	clang -std=c11 -D_GNU_SOURCE -Isrc/lib $FLAGS -fsanitize=fuzzer \
		$(pc --cflags) -o "$out/fuzz_$t" "$out/fuzz_$t.c" \
		"$build/libclientele.a" $(pc --libs) -lm
done

# seeds: every fixture mail, and the messages of the fixture mailboxes
rm -rf "$seeds"
mkdir -p "$seeds"
find tests/fixtures -type f \( -name '*.eml' -o -name '*.txt' \
	-o -name '*.mbox' \) -size -200k | while read -r f; do
	cp "$f" "$seeds/$(echo "$f" | tr '/' '_')"
done
find tests/fixtures -path '*maildir*' -type f -size -200k | while read -r f; do
	cp "$f" "$seeds/$(echo "$f" | tr '/' '_')"
done
# the time: import a third (at least 1 s), parse the rest
isecs=$((secs / 3))
[ "$isecs" -ge 1 ] || isecs=1
psecs=$((secs - isecs))
[ "$psecs" -ge 1 ] || psecs=1
case " $targets " in *" parse "*) ;; *) isecs=$secs ;; esac
case " $targets " in *" import "*) ;; *) psecs=$secs ;; esac

cd "$out"
par=""
[ "$jobs" -gt 1 ] && par="-jobs=$jobs -workers=$jobs"
status=0
# run TARGET SECONDS MAXLEN CORPUS SEEDS
run() {
	echo "fuzz: fuzz_$1: $(ls "$5" | wc -l) seeds, $(ls "$4" | wc -l)" \
		"kept inputs, ${2}s, $jobs job(s)"
	set +e
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
		"./fuzz_$1" -max_total_time="$2" -max_len="$3" -timeout=10 \
		-rss_limit_mb=2048 -print_final_stats=1 $par "$4" "$5"
	rc=$?
	set -e
	found=$(ls crash-* leak-* timeout-* oom-* 2>/dev/null | wc -l)
	if [ "$rc" -ne 0 ] || [ "$found" -gt 0 ]; then
		echo "fuzz: fuzz_$1 FAILED (exit $rc); inputs left in tests/fuzz:" \
			$(ls crash-* leak-* timeout-* oom-* 2>/dev/null)
		status=1
	else
		echo "fuzz: fuzz_$1: no crash in ${2}s"
	fi
}
for t in $targets; do
	case $t in
	parse) run parse "$psecs" 262144 "$top/$corpus" "$top/$seeds" ;;
	import) run import "$isecs" 65536 "$top/$icorpus" "$top/tests/fixtures/import" ;;
	*) echo "fuzz: unknown target $t"; status=1 ;;
	esac
done
exit $status
