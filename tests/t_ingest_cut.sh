#!/bin/sh
# t_ingest_cut - an mbox cut short or replaced while `clientele ingest`
# reads it.
#
# 1. A generated mbox of 40,000 messages (about 34 MB) is truncated to 40%
#    a moment after ingest starts.  When the file was mapped this killed
#    ingest with SIGBUS (exit 135); now ingest must exit 1, report the
#    message the cut went through ("cut short ... message skipped"), and
#    its count line must equal what the store holds.  With the file whole
#    again, a run again records the rest: 40,000 in all.
# 2. The mbox is replaced (another file renamed over it) while ingest
#    reads it: ingest goes on with the file it opened and records all of
#    it, exit 0.
set -u
t_name=t_ingest_cut
. "$(dirname "$0")/lib.sh"
built "$bin"
need sqlite3
# the mailboxes are large: nothing is left behind
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM

printf 'OwnDomains myfirm.example\n' > "$conf"
${CC:-cc} -std=c11 -D_GNU_SOURCE -O2 -o "$tmp/gen-mbox" bench/gen-mbox.c ||
	{ echo "t_ingest_cut: cannot build bench/gen-mbox"; exit 1; }
"$tmp/gen-mbox" -n 20000 -s 11 -o "$tmp/whole.mbox" || exit 1
size=$(stat -c %s "$tmp/whole.mbox")

# opened PID FILE - wait (at most 20 s) until the process has FILE open
opened() {
	i=0
	while [ $i -lt 200 ]; do
		kill -0 "$1" 2> /dev/null || return 1
		ls -l "/proc/$1/fd" 2> /dev/null | grep -qF -- "$2" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

counts_line() {
	tail -n 1 "$1" | sed -n 's/^ingested \([0-9]*\) messages: \([0-9]*\) recorded, \([0-9]*\) duplicates, \([0-9]*\) ignored, \([0-9]*\) errors.*/\1 \2 \3 \4 \5/p'
}
stored() { sqlite3 "$1" "SELECT count(*) FROM messages"; }

# ---- 1. truncated while read ----
cp "$tmp/whole.mbox" "$tmp/mail.mbox"
db=$tmp/cut.db
"$bin" -c "$conf" --db "$db" ingest "$tmp/mail.mbox" > /dev/null 2> "$tmp/err" &
pid=$!
# cut it once ingest has it open (and has read its first megabyte)
if opened "$pid" "$tmp/mail.mbox"; then
	truncate -s $((size * 4 / 10)) "$tmp/mail.mbox"
	ok
else
	fail "ingest finished before the file could be cut (too fast a machine?)"
fi
wait "$pid"
rc=$?
[ "$rc" -eq 1 ] && ok || { fail "ingest of a file cut short: exit $rc, want 1"; sed 's/^/    /' "$tmp/err"; }
grep -q 'mail.mbox:#[0-9]*: the file was cut short while being read.*message skipped' "$tmp/err" && ok ||
	{ fail "the cut message was not reported"; sed 's/^/    /' "$tmp/err"; }
set -- $(counts_line "$tmp/err")
if [ $# -eq 5 ]; then
	echo "cut short: $* (seen recorded duplicates ignored errors)"
	[ "$2" -eq "$(stored "$db")" ] && ok ||
		fail "count line says $2 recorded, the store holds $(stored "$db")"
	[ "$2" -lt 40000 ] && [ "$2" -gt 0 ] && ok || fail "recorded $2: the cut did not happen mid-file"
	[ "$5" -ge 1 ] && [ "$1" -eq $(($2 + $3 + $4 + $5)) ] && ok ||
		fail "the skipped message is not counted as an error: $*"
else
	fail "no count line"
fi
cp "$tmp/whole.mbox" "$tmp/mail.mbox"
"$bin" -c "$conf" --db "$db" ingest "$tmp/mail.mbox" > /dev/null 2> "$tmp/err"
rc=$?
[ "$rc" -eq 0 ] && ok || { fail "ingest again: exit $rc"; sed 's/^/    /' "$tmp/err"; }
[ "$(stored "$db")" -eq 40000 ] && ok || fail "after the re-run the store holds $(stored "$db"), want 40000"

# ---- 2. replaced while read ----
db=$tmp/replaced.db
cp "$tmp/whole.mbox" "$tmp/mail.mbox"
head -c $((size / 10)) "$tmp/whole.mbox" > "$tmp/other.mbox"
"$bin" -c "$conf" --db "$db" ingest "$tmp/mail.mbox" > /dev/null 2> "$tmp/err" &
pid=$!
opened "$pid" "$tmp/mail.mbox" && ok || fail "ingest finished before the file was replaced"
mv "$tmp/other.mbox" "$tmp/mail.mbox"
wait "$pid"
rc=$?
[ "$rc" -eq 0 ] && ok || { fail "ingest of a replaced file: exit $rc"; sed 's/^/    /' "$tmp/err"; }
[ "$(stored "$db")" -eq 40000 ] && ok || fail "the replaced file: the store holds $(stored "$db"), want 40000"

t_end
