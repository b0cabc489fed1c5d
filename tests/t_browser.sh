#!/bin/sh
# t_browser - the digest's HTML part and the browsable report, looked at in
# a real browser (headless Chromium, driven by tests/browser.py) at 400 and
# 1000 pixels wide.  Fails on sideways scrolling at 400 px, any console
# error or failed load, any broken link inside the report, and any markup
# that a hostile display name or phrase smuggled into a page.
#
# Chromium comes from scripts/deps.sh (Debian's chromium package); this
# script installs nothing.  Without it the test fails, unless
# CLIENTELE_SKIP_BROWSER=1 says to skip (and it says so).
# Screenshots are kept under tests/tmp/t_browser/shots.
t_name=t_browser
. "$(dirname "$0")/lib.sh"
built "$bin"
if ! command -v "${CHROMIUM:-chromium}" >/dev/null 2>&1; then
	if [ "${CLIENTELE_SKIP_BROWSER:-}" = 1 ]; then
		echo "SKIP: t_browser: no chromium, and CLIENTELE_SKIP_BROWSER=1"
		exit 0
	fi
	echo "FAIL: t_browser: chromium is not installed (scripts/deps.sh" \
	    "installs it; CLIENTELE_SKIP_BROWSER=1 skips this test on purpose)"
	exit 1
fi
command -v python3 >/dev/null 2>&1 || { echo "FAIL: python3 is needed"; exit 1; }
mkdir -p "$tmp/shots"

cat > "$tmp/clientele.conf" <<CONF
OwnDomains      brightdesk.example
OwnAddresses    sam@brightdesk.example
DigestTo        sam@brightdesk.example
DigestFrom      clientele@brightdesk.example
TimeZone        Europe/Berlin
ValueSet        $top/conf/valueset.conf
# hostile senders with no reply of Sam's must still get pages: every
# sender counts
CustomerPolicy  incoming
CONF
# cl ARGS... - here the output is the caller's to redirect
cl() { "$bin" -c "$tmp/clientele.conf" --db "$tmp/db" "$@"; }

# The fixture mailbox moved to today, plus hostile senders: display names
# that are markup, a referral between them and rude words with markup in.
now=$(date -u '+%a, %d %b %Y %H:%M:%S +0000')
sed "s/^Date: .*/Date: $now/" "$mbox" > "$tmp/today.mbox"
cat >> "$tmp/today.mbox" <<MBOX
From evil1@hostile.example Mon Nov  2 09:00:00 2026
From: "<script>alert(1)</script>" <evil1@hostile.example>
To: sam@brightdesk.example
Subject: <b>quote</b> please
Message-ID: <evil1@hostile.example>
Date: $now

Hello, could you quote for a new shop sign? <img src=x onerror=alert(5)>

From evil2@hostile.example Mon Nov  2 09:30:00 2026
From: "\"><img src=x onerror=alert(2)>" <evil2@hostile.example>
To: sam@brightdesk.example
Subject: Re: "><svg onload=alert(3)>
Message-ID: <evil2@hostile.example>
Date: $now

Hi, my friend Ev (evil1@hostile.example) sent me your way.
This is a rip-off and you are useless <script>alert(4)</script>, idiots.

MBOX
cl ingest "$tmp/today.mbox" 2>"$tmp/ingest.err" || fail "ingest failed"
cl show evil2@hostile.example > "$tmp/evil2.txt" || fail "no evil2 customer"

# The value set as a page for the firm's site; its mailto: link, followed
# as a mail client would and the boxes ticked, makes a reply that the
# filter reads as Priya's own verdicts.
cl valueset --publish --html "$tmp/values.html" || fail "valueset --html failed"
python3 - "$tmp/values.html" "$tmp/values-reply.eml" <<'PY' || fail "no usable mailto: link"
import re, sys, urllib.parse
page = open(sys.argv[1], encoding="utf-8").read()
href = re.search(r'href="(mailto:[^"]*)"', page).group(1).replace("&amp;", "&")
u = urllib.parse.urlparse(href)
q = urllib.parse.parse_qs(u.query)
body = q["body"][0].replace("[ ] integrity", "[x] integrity") \
    .replace("[ ] respect", "[x] respect")
with open(sys.argv[2], "w", encoding="utf-8") as f:
    f.write("From: Priya Natarajan <priya@lumenbakery.example>\n"
            "To: %s\nSubject: Re: %s\nMessage-ID: <values-1@lumenbakery.example>\n"
            "Content-Type: text/plain; charset=utf-8\n\n%s"
            % (u.path, q["subject"][0], body))
PY
has "$tmp/values-reply.eml" "^To: sam@brightdesk.example"
cl ingest "$tmp/values-reply.eml" 2>/dev/null || fail "ingest of the values reply failed"
cl assess priya@lumenbakery.example compassion=yes hard-work=no >/dev/null ||
	fail "assess failed"
cl note priya@lumenbakery.example '<img src=x onerror=alert(7)> prefers calls' ||
	fail "note failed"
cl show priya@lumenbakery.example > "$tmp/priya.txt"
has "$tmp/priya.txt" "integrity: .*self: yes"

# The command's own errors: usage is 2, a folder it cannot write is 1.
cl report 2>/dev/null; [ $? -eq 2 ] || fail "report without --html: want exit 2"
cl report --html "$tmp/no/such/dir" 2>"$tmp/nodir.err"; [ $? -eq 1 ] ||
	fail "report into a missing parent: want exit 1"
has "$tmp/nodir.err" "no/such"
cl valueset --html "$tmp/x.html" 2>/dev/null; [ $? -eq 2 ] ||
	fail "valueset --html without --publish: want exit 2"

# The report: every page looked at, links checked statically over all.
cl report --html "$tmp/site" 2>"$tmp/report.err" || fail "report failed: $(cat "$tmp/report.err")"
has "$tmp/report.err" "wrote"
python3 tests/browser.py --links "$tmp/site" > "$tmp/links.out" 2>&1 ||
	fail "broken links: $(cat "$tmp/links.out")"
evil1=$(cd "$tmp/site" && grep -l 'evil1@hostile.example</a>' c/*.html | head -1)
evil2=$(cd "$tmp/site" && grep -l 'evil2@hostile.example</a>' c/*.html | head -1)
priya=$(cd "$tmp/site" && grep -l 'priya@lumenbakery.example</a>' c/*.html | head -1)
[ -n "$priya" ] || fail "no page for Priya"
# her page says where values align (integrity, respect: hers; compassion:
# the owner's) and where they break down (hard-work)
sed -n '/Where values align/,/Where they break down/p' "$tmp/site/$priya" > "$tmp/align.html"
sed -n '/Where they break down/,$p' "$tmp/site/$priya" > "$tmp/misfit.html"
has "$tmp/align.html" "<b>integrity</b>"
has "$tmp/align.html" "<b>compassion</b>"
has "$tmp/misfit.html" "<b>hard-work</b>"
# her history (both ways, subjects) and the owner's note, escaped
has "$tmp/site/$priya" "Logo and menu boards for our bakery"
has "$tmp/site/$priya" ">from you<"
has "$tmp/site/$priya" "&lt;img src=x onerror=alert(7)&gt; prefers calls"
hasnt "$tmp/misfit.html" "<b>integrity</b>"
[ -n "$evil1" ] && [ -n "$evil2" ] || fail "no pages for the hostile senders"
# The names must be shown as text, not run: the page text holds them.
name1='document.body.textContent.includes("<script>alert(1)</script>")'
name2='document.body.textContent.includes("\"><img src=x onerror=alert(2)>")'
search='(() => { const i = document.getElementById("search");
  i.value = "hostile.example"; i.dispatchEvent(new Event("input"));
  const ok = document.getElementById("shown").textContent === "2";
  i.value = ""; i.dispatchEvent(new Event("input")); return ok; })()'
sort='(() => { const b = document.querySelectorAll("#customers th button")[2];
  b.click(); b.click();
  const first = document.querySelector("#customers tbody tr td:nth-child(3)");
  return first.textContent === String(Math.max(...[...document.querySelectorAll(
    "#customers tbody tr td:nth-child(3)")].map(t => Number(t.textContent)))); })()'
(cd "$tmp/site" && python3 "$top/tests/browser.py" --shots "$tmp/shots" \
	"index.html::$name1" "network.html::$name2" \
	"customers.html::$search" "customers.html::$sort" \
	"$evil1::$name1" "$evil2::$name2" \
	"$priya::document.body.textContent.includes('<img src=x onerror=alert(7)> prefers calls')" \
	$(ls c/*.html | head -3)) > "$tmp/report.out" 2>&1 ||
	fail "report pages: $(grep FAIL "$tmp/report.out")"
cat "$tmp/report.out"

# The digest's HTML part, taken out of the message as a mail client would.
cl digest > "$tmp/digest.eml" || fail "digest failed"
python3 - "$tmp/digest.eml" "$tmp/digest.html" "$tmp/digest.txt" <<'PY' || fail "no HTML part in the digest"
import email, sys
from email import policy
msg = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=policy.default)
html = msg.get_body(("html",)).get_content()
text = msg.get_body(("plain",)).get_content()
open(sys.argv[2], "w", encoding="utf-8").write(html)
open(sys.argv[3], "w", encoding="utf-8").write(text)
PY
# (the digest also at 360 px, the narrowest phone it is laid out for)
python3 tests/browser.py --shots "$tmp/shots" --widths 360,400,1000 \
	"$tmp/digest.html::$name1" "$tmp/digest.html::$name2" \
	"$tmp/values.html" > "$tmp/digest.out" 2>&1 ||
	fail "digest: $(grep FAIL "$tmp/digest.out")"
cat "$tmp/digest.out"
# the digest's HTML part holds no script, no remote image, and reply links
hasnt "$tmp/digest.html" "<script"
hasnt "$tmp/digest.html" "src=\"http"
has "$tmp/digest.html" 'href="mailto:'

# Erased people leave no page behind, and nothing links to them.
cl forget evil1@hostile.example || fail "forget failed"
n_before=$(ls "$tmp/site/c" | wc -l)
cl report --html "$tmp/site" 2>/dev/null || fail "second report failed"
[ ! -e "$tmp/site/$evil1" ] || fail "the erased customer's page is still there"
[ -e "$tmp/site/$evil2" ] || fail "another customer's page went missing"
[ "$(ls "$tmp/site/c" | wc -l)" -eq $((n_before - 1)) ] || fail "pages: $n_before, then $(ls "$tmp/site/c" | wc -l)"
! grep -rq "evil1@hostile.example" "$tmp/site" || fail "the erased address is still in the report"
python3 tests/browser.py --links "$tmp/site" > "$tmp/links2.out" 2>&1 ||
	fail "broken links after forget: $(cat "$tmp/links2.out")"

ls "$tmp/shots"
t_end
