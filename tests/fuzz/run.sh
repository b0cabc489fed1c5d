#!/bin/sh
# run.sh - build the libFuzzer target over parse + classify and run it for a
# bounded time (FUZZ_SECONDS, default 60) on a seed corpus made from the
# test fixtures.
#
# The library is built by the project's Makefile with clang in a copy of
# the tree (tests/tmp/fuzz), instrumented for libFuzzer, AddressSanitizer
# and UBSan, so the normal objects are untouched; the copy is updated in
# place, so a second run rebuilds only what changed.  Inputs the fuzzer
# finds interesting are kept in tests/tmp/fuzz-corpus between runs (not
# committed).  A crash, leak, timeout or sanitizer report leaves the input
# as tests/fuzz/crash-* (or leak-*, timeout-*) and fails: make it a
# fixture under tests/fixtures/hostile/ and a test in check_hostile.c.
#
# FUZZ_JOBS=N runs N fuzzing processes at once (default 1).
set -eu
cd "$(dirname "$0")/../.."
top=$(pwd)
secs=${FUZZ_SECONDS:-60}
jobs=${FUZZ_JOBS:-1}
build=tests/tmp/fuzz
corpus=tests/tmp/fuzz-corpus
seeds=tests/tmp/fuzz-seeds
out=tests/fuzz
FLAGS="-O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all"

mkdir -p "$build" "$corpus"
tar cf - --exclude='*.o' --exclude='*.a' --exclude=tests/tmp \
	Makefile include src conf | tar xf - -C "$build"
make -s -C "$build" CC=clang CFLAGS="$FLAGS" libclientele.a
pc() { pkg-config "$@" libetpan sqlite3 | sed 's/-specs=[^ ]*//g'; }
# shellcheck disable=SC2046
clang -std=c11 -D_GNU_SOURCE -Iinclude $FLAGS -fsanitize=fuzzer \
	$(pc --cflags) -o "$out/fuzz_parse" "$out/fuzz_parse.c" \
	"$build/libclientele.a" $(pc --libs) -lm

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
echo "fuzz: $(ls "$seeds" | wc -l) seeds, $(ls "$corpus" | wc -l) kept" \
	"inputs, ${secs}s, $jobs job(s)"

cd "$out"
par=""
[ "$jobs" -gt 1 ] && par="-jobs=$jobs -workers=$jobs"
set +e
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	./fuzz_parse -max_total_time="$secs" -max_len=262144 -timeout=10 \
	-rss_limit_mb=2048 -print_final_stats=1 $par \
	"$top/$corpus" "$top/$seeds"
rc=$?
set -e
found=$(ls crash-* leak-* timeout-* oom-* 2>/dev/null | wc -l)
if [ "$rc" -ne 0 ] || [ "$found" -gt 0 ]; then
	echo "fuzz: FAILED (exit $rc); inputs left in tests/fuzz:" \
		$(ls crash-* leak-* timeout-* oom-* 2>/dev/null)
	exit 1
fi
echo "fuzz: no crash in ${secs}s"
