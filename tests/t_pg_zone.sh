#!/bin/sh
# t_pg_zone.sh - the reports' calendar months on PostgreSQL are those of
# SQLite on the same machine: the pgsql backend sets the session TimeZone
# to the process's zone (TZ, else /etc/localtime).
#
# Mail written just before midnight UTC at the end of a month is already
# in the next month in Auckland.  With TZ=Pacific/Auckland, the same mail
# ingested into SQLite and into a private PostgreSQL (tests/lib_pg.sh) must
# give the same `report --html` pages (their month-by-month charts) and
# the same `summary --format json`; the pages under TZ=UTC must differ (so
# the mail does straddle a month), and a zone the server does not know is
# refused with the server's words.
t_name=t_pg_zone
. "$(dirname "$0")/lib.sh"
. "$top/tests/lib_pg.sh"
built "$bin"

pg_lab

mkdir -p "$tmp/mail"
# mail DAY-TIME FROM NAME ID [CC] - one enquiry (an introduction with CC)
mail() {
	{
		echo "From: $3 <$2>"
		echo "To: Sam Carter <sam@brightdesk.example>"
		[ -z "${5:-}" ] || echo "Cc: Lee Park <$5>"
		echo "Subject: Work for us"
		echo "Date: $1 +0000"
		echo "Message-ID: <$4@zone.example>"
		echo
		if [ -n "${5:-}" ]; then
			echo "Sam, let me introduce you to Lee Park, who needs"
			echo "new packaging. I've copied Lee in so you can talk."
		else
			echo "Could you send me a quote for a new logo, please?"
		fi
		echo
		echo "$3"
	} > "$tmp/mail/$4.eml"
}
mail "Sat, 28 Feb 2026 20:30:00" dana@reyes-accounting.example "Dana Reyes" z1
mail "Tue, 31 Mar 2026 21:00:00" dana@reyes-accounting.example "Dana Reyes" z2 \
    lee@parkbakery.example
mail "Tue, 31 Mar 2026 22:15:00" ana@costa.example "Ana Costa" z3
mail "Thu, 30 Apr 2026 23:50:00" lee@parkbakery.example "Lee Park" z4

for b in sqlite pg; do
	dbv=$tmp/zone.db
	[ $b = pg ] && dbv=$PG_URI
	printf 'Database %s\nOwnDomains brightdesk.example\nCustomerPolicy incoming\nSyslog no\nSpoolDir %s/spool\n' \
	    "$dbv" "$tmp" > "$tmp/$b.conf"
	TZ=Pacific/Auckland "$bin" -c "$tmp/$b.conf" ingest "$tmp/mail" \
	    > "$tmp/ingest.$b" 2>&1 || fail "ingest into $b: $(cat "$tmp/ingest.$b")"
done

# site B ZONE DIR - the browsable report of engine B under TZ=ZONE
site() {
	rm -rf "$3"
	TZ=$2 "$bin" -c "$tmp/$1.conf" report --html "$3" > "$tmp/site.out" 2>&1 ||
	    fail "report --html on $1 under $2: $(cat "$tmp/site.out")"
}
site sqlite Pacific/Auckland "$tmp/site.sqlite"
site pg Pacific/Auckland "$tmp/site.pg"
site sqlite UTC "$tmp/site.utc"
[ -s "$tmp/site.sqlite/index.html" ] && ok "the report was written" ||
    fail "no index.html"
if diff -r "$tmp/site.sqlite" "$tmp/site.pg" > "$tmp/site.diff"; then
	ok "report --html: PostgreSQL's pages are SQLite's under TZ=Pacific/Auckland"
else
	fail "report --html differs between engines: $(head -n 12 "$tmp/site.diff")"
fi
cmp -s "$tmp/site.sqlite/index.html" "$tmp/site.utc/index.html" &&
    fail "the mail does not straddle a month: the test proves nothing" ||
    ok "the months under UTC are other months (the test can fail)"

for args in "summary --format json --since 3650d" "customers --format json" \
    "referrers --format json"; do
	# the window (since/until and the previous one) is read from the
	# clock by each run: a second may tick between the two, so it is
	# left out of the comparison
	for b in sqlite pg; do
		TZ=Pacific/Auckland "$bin" -c "$tmp/$b.conf" $args 2>&1 |
		    sed 's/"\(previous_\)\{0,1\}\(since\|until\)":"[^"]*",//g' \
		    > "$tmp/r.$b"
	done
	cmp -s "$tmp/r.sqlite" "$tmp/r.pg" && ok "$args: as SQLite's" ||
	    fail "$args differs: $(diff "$tmp/r.sqlite" "$tmp/r.pg" | head -n 6)"
done

# TZ through the zoneinfo path, as glibc also reads it
TZ=:/usr/share/zoneinfo/Pacific/Auckland "$bin" -c "$tmp/pg.conf" report \
    --html "$tmp/site.path" > "$tmp/site.out" 2>&1
diff -r "$tmp/site.sqlite" "$tmp/site.path" > /dev/null &&
    ok "TZ=:/usr/share/zoneinfo/... names the same zone" ||
    fail "TZ as a path: $(cat "$tmp/site.out")"

# a zone the server does not know: refused, with the server's words
TZ=Nowhere/Atlantis "$bin" -c "$tmp/pg.conf" customers > "$tmp/out" 2>&1
rc=$?
[ $rc -ne 0 ] && grep -q 'does not know this machine.s time zone "Nowhere/Atlantis".*invalid value' "$tmp/out" &&
    ok "an unknown zone is refused and named" ||
    fail "unknown zone: rc $rc, $(cat "$tmp/out")"

pg_stop
t_end
