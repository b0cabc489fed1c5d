#!/bin/sh
# t_store_full - a store that cannot be written stops every writer with
# the truth: exit 1, why, and counts that never claim more than the store
# holds; once the cause is gone, a run again completes the work.
#
# 1. Disk full.  As root, where tmpfs can be mounted, the database lives
#    on a 1 MiB tmpfs; elsewhere (or with FULL_MODE=fsize) the writer runs
#    under a file size limit (ulimit -f, SIGXFSZ ignored), which fails the
#    same writes with EFBIG.  `ingest` of 4,000 generated messages must
#    stop with exit 1, say the store is full and how many messages were
#    not recorded; its count line must equal what the store holds; the
#    same ingest with room again records the rest (4,000 in all).  Every
#    other writing command (tag, untag, categorize, merge, forget, code,
#    revenue add, revenue import, assess, import) on a full disk exits 1
#    with the store's reason, prints no success line, changes nothing, and
#    succeeds once there is room.  A revenue row the store refuses stops
#    revenue import with its line and the store's reason.
# 2. Locked.  Another process holds the write lock beyond the busy
#    timeout (5 s): ingest and every writing command exit 1 saying the
#    database is locked, and the store is unchanged.
#
# Run from the top of the tree (tests/run-scripts.sh does).
set -u
top=$(pwd)
bin=$top/clientele
tmp=$top/tests/tmp/t_store_full.$$
mode=${FULL_MODE:-}
fails=0
checks=0
mnt=""

[ -x "$bin" ] || { echo "no ./clientele; run make first"; exit 1; }
command -v sqlite3 > /dev/null || { echo "t_store_full: sqlite3 missing"; exit 1; }

cleanup() {
	[ -n "$mnt" ] && umount "$mnt" 2> /dev/null
	[ -n "${mnt2:-}" ] && umount "$mnt2" 2> /dev/null
	for f in "$tmp/sleep1.pid" "$tmp/sleep2.pid"; do
		[ -f "$f" ] && kill "$(cat "$f")" 2> /dev/null
	done
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
mkdir -p "$tmp"

ok() { checks=$((checks + 1)); }
fail() { checks=$((checks + 1)); fails=$((fails + 1)); echo "FAIL: $*"; }

conf=$tmp/clientele.conf
cat > "$conf" <<EOF
OwnDomains myfirm.example brightdesk.example
OwnAddresses sam@brightdesk.example
RulesFile $top/conf/rules.conf
ValueSet $top/conf/valueset.conf
EOF

${CC:-cc} -std=c11 -D_GNU_SOURCE -O2 -o "$tmp/gen-mbox" bench/gen-mbox.c ||
	{ echo "t_store_full: cannot build bench/gen-mbox"; exit 1; }
"$tmp/gen-mbox" -n 2000 -s 3 -o "$tmp/mail.mbox" || exit 1

# How to fill the disk: a tmpfs of our own where we may mount one.
if [ -z "$mode" ]; then
	mode=fsize
	if [ "$(id -u)" = 0 ]; then
		mkdir -p "$tmp/mnt"
		if mount -t tmpfs -o size=1m tmpfs "$tmp/mnt" 2> /dev/null; then
			mnt=$tmp/mnt
			mode=tmpfs
		fi
	fi
fi
echo "disk full by: $mode"
if [ "$mode" = fsize ]; then
	mkdir -p "$tmp/mnt"
fi
dir=$tmp/mnt
db=$dir/clientele.db

# limited CMD... - run under the file size limit (fsize mode) or as is
limited() {
	if [ "$mode" = fsize ]; then
		(trap '' XFSZ; ulimit -f "$limit"; exec "$@")
	else
		"$@"
	fi
}

# cl DB ARGS... - clientele on DB, limited; out/err in $tmp, status in $rc
cl() {
	d=$1
	shift
	limited "$bin" -c "$conf" --db "$d" "$@" > "$tmp/out" 2> "$tmp/err"
	rc=$?
}

# counts_line FILE - "SEEN RECORDED DUPLICATES IGNORED ERRORS" of ingest's last line
counts_line() {
	tail -n 1 "$1" | sed -n 's/^ingested \([0-9]*\) messages: \([0-9]*\) recorded, \([0-9]*\) duplicates, \([0-9]*\) ignored, \([0-9]*\) errors.*/\1 \2 \3 \4 \5/p'
}

stored() { sqlite3 "$1" "SELECT count(*) FROM messages"; }

# ---- 1. ingest on a full disk ----
limit=2048	# 512-byte blocks: 1 MiB per file (fsize mode)
cl "$db" ingest "$tmp/mail.mbox"
set -- $(counts_line "$tmp/err")
if [ "$rc" -ne 1 ]; then
	fail "ingest on a full disk: exit $rc, want 1"
	sed 's/^/    /' "$tmp/err"
elif [ $# -ne 5 ]; then
	fail "ingest on a full disk: no count line"
	sed 's/^/    /' "$tmp/err"
else
	ok
	held=$(stored "$db")
	echo "full disk: $* (seen recorded duplicates ignored errors); store holds $held"
	[ "$2" -eq "$held" ] && ok ||
		fail "count line says $2 recorded, the store holds $held"
	[ "$2" -lt 4000 ] && ok || fail "the disk never filled ($2 recorded)"
	[ "$1" -eq $(($2 + $3 + $4 + $5)) ] && ok ||
		fail "counts do not add up: $*"
	[ "$5" -gt 0 ] && ok || fail "no message counted as not recorded"
	grep -Eq 'disk is full|disk I/O error' "$tmp/err" && ok ||
		{ fail "ingest did not say why it stopped"; sed 's/^/    /' "$tmp/err"; }
	grep -Eq 'stopped: the last [0-9]+ messages? read (was|were) not recorded; run ingest again' "$tmp/err" && ok ||
		{ fail "ingest did not say what was lost"; sed 's/^/    /' "$tmp/err"; }
	first=$2
fi
sqlite3 "$db" "PRAGMA integrity_check" | grep -qx ok && ok ||
	fail "integrity_check after a full disk"

# room again: the same ingest records the rest
if [ "$mode" = tmpfs ]; then
	mount -o remount,size=32m "$mnt" || fail "cannot grow the tmpfs"
fi
limit=unlimited
cl "$db" ingest "$tmp/mail.mbox"
set -- $(counts_line "$tmp/err")
[ "$rc" -eq 0 ] && ok || { fail "ingest again with room: exit $rc"; sed 's/^/    /' "$tmp/err"; }
[ "$(stored "$db")" -eq 4000 ] && ok ||
	fail "after the re-run the store holds $(stored "$db") messages, want 4000"
[ "${3:-x}" = "${first:-y}" ] && [ "${2:-x}" -eq $((4000 - ${first:-0})) ] && ok ||
	fail "re-run counts: $* (want $((4000 - ${first:-0})) recorded, ${first:-?} duplicates)"

# ---- 1b. every other writer on a full disk ----
if [ "$mode" = tmpfs ]; then
	mkdir -p "$tmp/mnt2"
	mount -t tmpfs -o size=2m tmpfs "$tmp/mnt2" ||
		{ fail "cannot mount a second tmpfs"; exit 1; }
	mnt2=$tmp/mnt2
	dir=$mnt2
fi
edb=$dir/edits.db
"$bin" -c "$conf" --db "$edb" ingest tests/fixtures/mbox/brightdesk.mbox > /dev/null 2>&1
a=derek@grumbleco.example
b=grace@liu-dental.example
printf 'email,amount,date\n%s,12.50,2026-11-01\n' "$a" > "$tmp/rev.csv"
"$bin" -c "$conf" --db "$edb" export > "$tmp/export.json" ||
	fail "export of the edit store"
idb=$dir/import.db
sqlite3 "$edb" .dump > "$tmp/before.dump"

# writers - one line per command: the arguments after --db
writers() {
	cat <<EOF
tag $a vip
untag $a rude
categorize $a good
merge $a $b
code $a
revenue add $a 12.00 2026-11-02
revenue import $tmp/rev.csv
assess $a integrity=yes
forget $a
EOF
}

# the write-ahead log is kept between runs: empty it, so that any write
# needs new room; then fill the disk: tmpfs to the last block, or a
# limit below any new write
sqlite3 "$edb" "PRAGMA wal_checkpoint(TRUNCATE);" > /dev/null
if [ "$mode" = tmpfs ]; then
	dd if=/dev/zero of="$dir/fill" bs=4k 2> /dev/null
	limit=unlimited
else
	limit=1
fi
writers | while read -r args; do
	cl "$edb" $args
	if [ "$rc" -ne 1 ] || [ -s "$tmp/out" ] || ! grep -Eq 'full|disk I/O|too large' "$tmp/err"; then
		echo "FAIL: '$args' on a full disk: exit $rc (want 1), stdout and stderr:"
		sed 's/^/    /' "$tmp/out" "$tmp/err"
	fi
done > "$tmp/writers.log"
ok
[ -s "$tmp/writers.log" ] && { fail "writers on a full disk"; cat "$tmp/writers.log"; }
cl "$idb" import "$tmp/export.json"
[ "$rc" -eq 1 ] && ok || { fail "import on a full disk: exit $rc"; sed 's/^/    /' "$tmp/err"; }

# room again: nothing changed, and every writer succeeds
rm -f "$dir/fill" "$idb" "$idb-wal" "$idb-shm"
sqlite3 "$edb" .dump > "$tmp/after.dump"
if cmp -s "$tmp/before.dump" "$tmp/after.dump"; then
	ok
else
	fail "a write on a full disk changed the store"
	diff "$tmp/before.dump" "$tmp/after.dump" | head -n 20
fi
[ "$mode" = tmpfs ] && mount -o remount,size=32m "$mnt2"
limit=unlimited
writers | while read -r args; do
	cl "$edb" $args
	[ "$rc" -eq 0 ] || { echo "FAIL: '$args' with room: exit $rc"; sed 's/^/    /' "$tmp/err"; }
done > "$tmp/writers.log"
ok
[ -s "$tmp/writers.log" ] && { fail "writers with room"; cat "$tmp/writers.log"; }
cl "$idb" import "$tmp/export.json"
[ "$rc" -eq 0 ] && ok || { fail "import with room: exit $rc"; sed 's/^/    /' "$tmp/err"; }

# a row the store refuses (a trigger) stops revenue import, named by
# its line with the store's reason, and nothing of the file stays
sqlite3 "$edb" "CREATE TRIGGER no_revenue BEFORE INSERT ON revenue
    BEGIN SELECT RAISE(ABORT, 'no revenue today'); END;"
nrev=$(sqlite3 "$edb" "SELECT count(*) FROM revenue")
printf 'email,amount,date\npriya@lumenbakery.example,1.00,2026-11-03\n' > "$tmp/rev2.csv"
cl "$edb" revenue import "$tmp/rev2.csv"
[ "$rc" -eq 1 ] && grep -q 'rev2.csv: line 2: could not be recorded (.*no revenue today' "$tmp/err" &&
    [ ! -s "$tmp/out" ] && [ "$(sqlite3 "$edb" "SELECT count(*) FROM revenue")" = "$nrev" ] && ok ||
	{ fail "revenue import of a refused row: exit $rc"; sed 's/^/    /' "$tmp/out" "$tmp/err"; }
sqlite3 "$edb" "DROP TRIGGER no_revenue"

# ---- 2. a store locked beyond the busy timeout ----
ldb=$tmp/locked.db
"$bin" -c "$conf" --db "$ldb" ingest tests/fixtures/mbox/brightdesk.mbox > /dev/null 2>&1
lempty=$tmp/locked-empty.db
"$bin" -c "$conf" --db "$lempty" ingest /dev/null > /dev/null 2>&1
before=$(sqlite3 "$ldb" .dump | sha256sum)
# hold both write locks (the busy timeout is 5 s) until the writers are
# done: the sleep's pid is kept so that ending it commits and lets go
hold() {	# hold DB OUT SLEEPPIDFILE
	{ echo "BEGIN IMMEDIATE;"; echo "SELECT 'locked';"
	  sh -c 'echo $$ > "$1"; exec sleep 60' sh "$3"; echo "COMMIT;"; } |
		sqlite3 "$1" > "$2" 2>&1
}
hold "$ldb" "$tmp/holder.out" "$tmp/sleep1.pid" 2> /dev/null &
holder=$!
hold "$lempty" "$tmp/holder2.out" "$tmp/sleep2.pid" 2> /dev/null &
holder2=$!
i=0
until grep -qs locked "$tmp/holder.out" && grep -qs locked "$tmp/holder2.out"; do
	i=$((i + 1))
	[ $i -gt 50 ] && { fail "the lock holders did not start"; break; }
	sleep 0.1
done
# every writer at once, so that the test waits one busy timeout, not ten
n=0
{ writers; echo "ingest $tmp/mail.mbox"; } > "$tmp/list"
while read -r args; do
	n=$((n + 1))
	(
		"$bin" -c "$conf" --db "$ldb" $args > "$tmp/l$n.out" 2> "$tmp/l$n.err"
		echo $? > "$tmp/l$n.rc"
	) &
done < "$tmp/list"
"$bin" -c "$conf" --db "$lempty" import "$tmp/export.json" > "$tmp/li.out" 2> "$tmp/li.err"
echo $? > "$tmp/li.rc"
wait_for=$n
i=0
while [ "$(ls "$tmp"/l*.rc 2> /dev/null | wc -l)" -lt $((wait_for + 1)) ]; do
	i=$((i + 1))
	[ $i -gt 300 ] && break
	sleep 0.1
done
kill -0 "$holder" 2> /dev/null && kill -0 "$holder2" 2> /dev/null && ok ||
	fail "the lock holders ended before the writers (machine too slow?)"
n=0
while read -r args; do
	n=$((n + 1))
	r=$(cat "$tmp/l$n.rc" 2> /dev/null)
	if [ "$r" = 1 ] && grep -q "database is locked" "$tmp/l$n.err" &&
	    ! grep -Eq 'recorded|added|removed|merged|forgot|category' "$tmp/l$n.out"; then
		ok
	else
		fail "'$args' on a locked store: exit ${r:-none} (want 1, saying it is locked)"
		sed 's/^/    /' "$tmp/l$n.out" "$tmp/l$n.err"
	fi
done < "$tmp/list"
grep -q "stopped: run ingest again" "$tmp/l$n.err" && ok ||
	fail "locked ingest did not say to run again"
[ "$(cat "$tmp/li.rc")" = 1 ] && grep -q "database is locked" "$tmp/li.err" && ok ||
	{ fail "import on a locked store"; sed 's/^/    /' "$tmp/li.err"; }
kill "$(cat "$tmp/sleep1.pid")" "$(cat "$tmp/sleep2.pid")" 2> /dev/null
wait "$holder" "$holder2" 2> /dev/null
holder=""
[ "$(sqlite3 "$ldb" .dump | sha256sum)" = "$before" ] && ok ||
	fail "a write on a locked store changed it"

echo "t_store_full: $checks checks, $fails failed"
[ "$fails" -eq 0 ]
