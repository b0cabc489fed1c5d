#!/bin/sh
# t_manpages - the man pages and --help list the same commands and options.
#
# clientele: every command in `clientele --help` has its entry in
# clientele(1), every option in a command's usage line (`clientele help
# NAME`) and every global option is in the page, and every option the page
# names is one some --help text offers.  clientele-milter: every option of
# `clientele-milter -h` has its entry in clientele-milter(8) and the other
# way round.
t_name=t_manpages
. "$(dirname "$0")/lib.sh"
built ./clientele ./clientele-milter

# roff - an option as the page writes it: each '-' escaped
roff() {
	printf '%s' "$1" | sed 's/-/\\-/g'
}

# ---- clientele ----
man1=man/clientele.1
./clientele --help > "$tmp/help" 2>&1 || fail "clientele --help failed"
sed -n '/^commands:/,/^$/p' "$tmp/help" | sed -n 's/^  \([a-z][a-z-]*\) .*/\1/p' \
    > "$tmp/commands"
[ -s "$tmp/commands" ] || fail "no commands found in clientele --help"
cp "$tmp/help" "$tmp/all-help"
# the entries: the line after each .TP of the COMMANDS section
sed -n '/^\.SH COMMANDS/,/^\.SH [^C]/p' "$man1" | sed -n '/^\.TP/{n;p;}' \
    > "$tmp/entries"
while read -r cmd; do
	checks=$((checks + 1))
	grep -Eq "^\.(B|BI|BR) \"?$cmd( |\"|\$)" "$tmp/entries" ||
	    fail "clientele(1) has no entry for '$cmd'"
	./clientele help "$cmd" > "$tmp/cmd" 2>&1 || fail "help $cmd failed"
	cat "$tmp/cmd" >> "$tmp/all-help"
	for opt in $(sed -n 's/^usage: clientele \[--config FILE\] \[--db FILE\] //p' \
	    "$tmp/cmd" | grep -Eo -- '--[a-z][a-z-]*' | sort -u); do
		checks=$((checks + 1))
		grep -Fq -- "$(roff "$opt")" "$man1" ||
		    fail "clientele(1) does not name $cmd's option $opt"
	done
done < "$tmp/commands"
for opt in --config --db --help --version; do
	checks=$((checks + 1))
	grep -Fq -- "$opt" "$tmp/help" || fail "--help does not list $opt"
	grep -Fq -- "$(roff "$opt")" "$man1" || fail "clientele(1) does not name $opt"
done
# and back: each option of the page is offered by some help text
for opt in $(grep -Eo -- '\\-\\-[a-z](\\-|[a-z])*' "$man1" | sed 's/\\-/-/g' |
    sort -u); do
	checks=$((checks + 1))
	grep -Fq -- "$opt" "$tmp/all-help" ||
	    fail "clientele(1) names $opt, which no --help offers"
done

# ---- clientele-milter ----
man8=man/clientele-milter.8
./clientele-milter -h > "$tmp/mhelp" 2>&1
sed -n 's/^  -\([A-Za-z]\) .*/\1/p' "$tmp/mhelp" | sort -u > "$tmp/mopts"
[ -s "$tmp/mopts" ] || fail "no options found in clientele-milter -h"
sed -n '/^\.SH OPTIONS/,/^\.SH /p' "$man8" |
    sed -n 's/^\.BI\{0,1\} \\-\([A-Za-z]\).*/\1/p' | sort -u > "$tmp/mman"
while read -r o; do
	checks=$((checks + 1))
	grep -qx "$o" "$tmp/mman" || fail "clientele-milter(8) has no entry for -$o"
done < "$tmp/mopts"
while read -r o; do
	checks=$((checks + 1))
	grep -qx "$o" "$tmp/mopts" || fail "clientele-milter -h does not list -$o"
done < "$tmp/mman"

t_end
