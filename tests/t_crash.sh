#!/bin/sh
# t_crash - crash safety of ingest, and refusal of corrupt databases.
#
# 1. A generated mbox (bench/gen-mbox: 2,500 customers, 5,000 messages with
#    referrals, tags and introductions) is ingested once into a fresh
#    database: the clean counts.  Then, in each round, ingest into a fresh
#    database is killed with SIGKILL at a random moment (once, or three
#    times in a row on the same database); after every kill `PRAGMA
#    integrity_check` must say ok, and a re-run of ingest must complete
#    with exactly the clean counts (customers, addresses, messages,
#    referrals, pending referrals, tags, evidence) and the same
#    `customers --format json` report.  CRASH_SEED fixes the moments.
# 2. A store that refuses some messages part-way (a trigger) loses those
#    alone, reports each once, and a re-run records them (see below).
# 3. A corrupt database (random bytes, a real one cut short, a SQLite file
#    of another application, an empty file) makes `clientele customers`
#    exit 1 with a clear message naming the file, and leaves it unchanged
#    (same SHA-256).
#
# Needs sqlite3.
t_name=t_crash
. "$(dirname "$0")/lib.sh"
seed=${CRASH_SEED:-$$}
built "$bin"
need sqlite3
conf=$tmp/clientele.conf
printf 'OwnDomains myfirm.example\n' > "$conf"

${CC:-cc} -std=c11 -D_GNU_SOURCE -O2 -o "$tmp/gen-mbox" bench/gen-mbox.c ||
	{ echo "t_crash: cannot build bench/gen-mbox"; exit 1; }
"$tmp/gen-mbox" -n 2500 -s 7 -o "$tmp/mail.mbox" || exit 1

# counts DB - one line of the numbers that must survive a crash
counts() {
	sqlite3 "$1" "SELECT (SELECT count(*) FROM customers) || ' customers ' ||
	    (SELECT count(*) FROM addresses) || ' addresses ' ||
	    (SELECT count(*) FROM messages) || ' messages ' ||
	    (SELECT count(*) FROM referrals) || ' referrals ' ||
	    (SELECT count(*) FROM pending) || ' pending ' ||
	    (SELECT count(*) || '/' || coalesce(sum(count), 0) FROM tags) ||
	    ' tags ' || (SELECT count(*) FROM evidence) || ' evidence'"
}

ingest() {
	"$bin" -c "$conf" --db "$1" ingest "$tmp/mail.mbox" > /dev/null 2>> "$tmp/ingest.err"
}

report() {
	"$bin" -c "$conf" --db "$1" customers --format json
}

# the clean run
t0=$(now_ms)
ingest "$tmp/clean.db" || { echo "t_crash: clean ingest failed"; cat "$tmp/ingest.err"; exit 1; }
took=$(($(now_ms) - t0))
# the shortest of three timings: a busy machine slows some runs threefold,
# and kill moments past a fast run's end hit nothing
for i in 1 2; do
	t0=$(now_ms)
	ingest "$tmp/timing$i.db" || { echo "t_crash: timing ingest failed"; exit 1; }
	t1=$(($(now_ms) - t0))
	[ "$t1" -lt "$took" ] && took=$t1
	rm -f "$tmp/timing$i.db"*
done
clean=$(counts "$tmp/clean.db")
report "$tmp/clean.db" > "$tmp/clean.json"
echo "clean run: $clean (${took} ms)"
[ "$took" -lt 20 ] && took=20

# kill_at DB MS - ingest into DB, SIGKILL after MS ms; prints what it hit
kill_at() {
	"$bin" -c "$conf" --db "$1" ingest "$tmp/mail.mbox" > /dev/null 2>&1 &
	pid=$!
	sleep "$(awk -v ms="$2" 'BEGIN { printf "%.3f", ms / 1000 }')"
	if kill -9 "$pid" 2> /dev/null; then
		wait "$pid" 2> /dev/null
		echo "killed"
	else
		wait "$pid" 2> /dev/null
		echo "finished first"
	fi
}

# moments: random points within the first 60% of the clean run's
# duration (a re-run skips what is stored, and on a loaded machine a later
# run may be faster than the timed one: later moments would often miss)
moments=$(awk -v s="$seed" -v t="$took" 'BEGIN { srand(s);
	for (i = 0; i < 8; i++) printf "%d ", 2 + rand() * t * 0.6 }')
echo "seed $seed, kill moments (ms): $moments"
# shellcheck disable=SC2086
set -- $moments
killed=0
round=0
for shape in 1 1 1 1 3; do
	round=$((round + 1))
	db=$tmp/crash$round.db
	for k in $(seq "$shape"); do
		ms=$1
		shift
		what=$(kill_at "$db" "$ms")
		[ "$what" = killed ] && killed=$((killed + 1))
		ic=$(sqlite3 "$db" 'PRAGMA integrity_check' 2>&1)
		part=$(counts "$db" 2> /dev/null)
		echo "round $round kill $k at ${ms} ms: $what; integrity $ic; $part"
		[ "$ic" = ok ] && ok || fail "round $round: integrity_check: $ic"
	done
	if ingest "$db"; then ok; else fail "round $round: re-run of ingest failed"; fi
	after=$(counts "$db")
	[ "$after" = "$clean" ] && ok ||
		fail "round $round: after re-run $after, clean run $clean"
	report "$db" > "$tmp/crash$round.json"
	cmp -s "$tmp/clean.json" "$tmp/crash$round.json" && ok ||
		fail "round $round: customers report differs from the clean run's"
done
# most kills must land while ingest runs, or the test proves nothing
[ "$killed" -ge 4 ] && ok || fail "only $killed of 7 kills hit a running ingest"

# ---- a store that refuses some messages ----------------------------------
# A trigger makes the store refuse to create one customer (c750, who first
# writes in message 1501, in the second batch of 1000): every message that
# would create them fails after its own message row is already written.
# Each must be reported once, by its place in the mbox, and leave no trace:
# the store must equal a clean ingest of the mbox without those messages,
# and once the trigger is gone a re-run must record them and reach the
# clean counts.
ref=$tmp/refuse.db
: > "$tmp/empty.mbox"
"$bin" -c "$conf" --db "$ref" ingest "$tmp/empty.mbox" > /dev/null 2>&1
sqlite3 "$ref" "CREATE TRIGGER refuse BEFORE INSERT ON customers
    WHEN NEW.email = 'c750@printing-750.example'
    BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;"
"$bin" -c "$conf" --db "$ref" ingest "$tmp/mail.mbox" > /dev/null 2> "$tmp/refuse.err"
rc=$?
[ "$rc" -eq 1 ] && ok || fail "refusing store: ingest exit $rc, wanted 1"
grep -o 'mail\.mbox:#[0-9]*' "$tmp/refuse.err" | sed 's/.*#//' > "$tmp/refused"
nref=$(wc -l < "$tmp/refused")
nline=$(grep -c 'refused by the test' "$tmp/refuse.err")
echo "refusing store: $nref messages refused: $(tr '\n' ' ' < "$tmp/refused")"
grep -qx 1501 "$tmp/refused" && ok || fail "refusing store: message 1501 not reported"
[ "$nref" -eq "$nline" ] && ok || fail "refusing store: $nline refusals, $nref lines name a message"
[ -z "$(sort "$tmp/refused" | uniq -d)" ] && ok ||
	fail "refusing store: a message was reported twice"
grep -q "5000 messages: .* $nref errors" "$tmp/refuse.err" && ok ||
	fail "refusing store: count line: $(tail -n 1 "$tmp/refuse.err")"
awk 'NR == FNR { bad[$1]; next } /^From / { n++; skip = (n in bad) } !skip' \
    "$tmp/refused" "$tmp/mail.mbox" > "$tmp/rest.mbox"
"$bin" -c "$conf" --db "$tmp/rest.db" ingest "$tmp/rest.mbox" > /dev/null 2>&1 ||
	fail "refusing store: ingest of the rest failed"
[ "$(counts "$ref")" = "$(counts "$tmp/rest.db")" ] && ok ||
	fail "refusing store: $(counts "$ref"), without those messages $(counts "$tmp/rest.db")"
report "$ref" > "$tmp/refuse.json"
report "$tmp/rest.db" > "$tmp/rest.json"
cmp -s "$tmp/refuse.json" "$tmp/rest.json" && ok ||
	fail "refusing store: customers report differs from ingest without those messages"
sqlite3 "$ref" 'DROP TRIGGER refuse'
"$bin" -c "$conf" --db "$ref" ingest "$tmp/mail.mbox" > /dev/null 2> "$tmp/refuse.err"
grep -q "5000 messages: $nref recorded, $((5000 - nref)) duplicates" "$tmp/refuse.err" && ok ||
	fail "refusing store: re-run: $(tail -n 1 "$tmp/refuse.err")"
[ "$(counts "$ref")" = "$clean" ] && ok ||
	fail "refusing store: after re-run $(counts "$ref"), clean run $clean"
# the same in a small batch where a message without a sender comes before
# the refused one: going over the batch again must not report it twice
bd=tests/fixtures/mbox/brightdesk.mbox
last=$(grep -c '^From ' "$bd")
{ awk -v k="$last" '/^From / { n++ } n == k' "$bd"
  awk -v k="$last" '/^From / { n++ } n < k' "$bd"; } > "$tmp/order.mbox"
printf 'OwnDomains brightdesk.example\n' > "$tmp/bd.conf"
"$bin" -c "$tmp/bd.conf" --db "$tmp/order.db" ingest "$tmp/empty.mbox" > /dev/null 2>&1
sqlite3 "$tmp/order.db" "CREATE TRIGGER refuse BEFORE INSERT ON customers
    WHEN NEW.email = 'derek@grumbleco.example'
    BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;"
"$bin" -c "$tmp/bd.conf" --db "$tmp/order.db" ingest "$tmp/order.mbox" > /dev/null 2> "$tmp/order.err"
sed 's/^/    /' "$tmp/order.err"
[ "$(grep -c 'order\.mbox:#1: no sender' "$tmp/order.err")" -eq 1 ] && ok ||
	fail "small batch: the message without a sender not reported exactly once"
[ "$(grep -c 'order\.mbox:#9: .*refused by the test' "$tmp/order.err")" -eq 1 ] && ok ||
	fail "small batch: the refused message not reported exactly once"
[ "$(wc -l < "$tmp/order.err")" -eq 3 ] && ok || fail "small batch: other lines on stderr"
grep -q "$last messages: .* 2 errors" "$tmp/order.err" && ok ||
	fail "small batch: count line: $(tail -n 1 "$tmp/order.err")"

# ---- corrupt databases ----------------------------------------------------
bad=$tmp/bad
mkdir -p "$bad"
sqlite3 "$tmp/clean.db" 'PRAGMA wal_checkpoint(TRUNCATE)' > /dev/null
size=$(stat -c %s "$tmp/clean.db")
head -c $((size / 2)) "$tmp/clean.db" > "$bad/half.db"
head -c 4096 "$tmp/clean.db" > "$bad/first-page.db"
head -c 100 "$tmp/clean.db" > "$bad/header-only.db"
awk -v s="$seed" 'BEGIN { srand(s); for (i = 0; i < 65536; i++)
	printf "%c", int(rand() * 255) + 1 }' > "$bad/random.db"
sqlite3 "$bad/other-app.db" "CREATE TABLE notes (id INTEGER PRIMARY KEY,
	body TEXT); INSERT INTO notes (body) VALUES ('shopping list')"
sqlite3 "$bad/other-app-wal.db" "PRAGMA journal_mode = WAL;
	CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT);
	INSERT INTO customers (email) VALUES ('someone@example.com')" > /dev/null
: > "$bad/empty.db"
for f in half first-page header-only random other-app other-app-wal empty; do
	db=$bad/$f.db
	before=$(sha256sum < "$db")
	"$bin" -c "$conf" --db "$db" customers > "$bad/out" 2> "$bad/err"
	rc=$?
	after=$(sha256sum < "$db")
	msg=$(head -n 1 "$bad/err")
	echo "$f.db: exit $rc: $msg"
	[ "$rc" -eq 1 ] && ok || fail "$f.db: exit $rc, wanted 1"
	[ -s "$bad/out" ] && fail "$f.db: printed a report" || ok
	case $msg in
	*"$db"*corrupt*|*"$db"*"not a SQLite"*|*"$db"*"another application"*|\
	*"$db"*empty*) ok ;;
	*) fail "$f.db: unclear message: $msg" ;;
	esac
	[ "$before" = "$after" ] && ok || fail "$f.db: the file was changed"
done

t_end
