#!/bin/sh
# banned.sh - fail when C code calls a function the project does not use.
#
# strcpy, strcat, sprintf and vsprintf write without a bound; gets reads
# without one; strtok keeps hidden state (not for threads); atoi, atol and
# sscanf cannot say that the text was not a number.  Use snprintf, the
# buf_* functions, memcpy with a checked length, strtol/strtoll with an end
# pointer.  Comments and string literals are not looked at.
#
# Usage: sh scripts/banned.sh [FILE...]   (default: every .c and .h under
# src, tests and bench, tests/tmp left out).  Prints FILE:LINE
# for each call and exits 1 if there is one.
set -eu
if [ $# -eq 0 ]; then
	cd "$(dirname "$0")/.."
	set -- $(find src tests bench -path tests/tmp -prune -o \
	    \( -name '*.c' -o -name '*.h' \) -type f -print | sort)
fi
awk '
FNR == 1 { incomment = 0 }
{
	rest = $0
	code = ""
	while (rest != "") {
		if (incomment) {
			i = index(rest, "*/")
			if (i == 0)
				rest = ""
			else {
				rest = substr(rest, i + 2)
				incomment = 0
			}
		} else {
			i = index(rest, "/*")
			if (i == 0) {
				code = code rest
				rest = ""
			} else {
				code = code substr(rest, 1, i - 1) " "
				rest = substr(rest, i + 2)
				incomment = 1
			}
		}
	}
	gsub(/"([^"\\]|\\.)*"/, "\"\"", code)
	gsub(/'"'"'([^'"'"'\\]|\\.)*'"'"'/, "0", code)
	sub(/\/\/.*/, "", code)
	code = " " code
	while (match(code, /[^A-Za-z0-9_](strcpy|strcat|sprintf|vsprintf|strtok|atoi|atol|sscanf|gets)[ \t]*\(/)) {
		name = substr(code, RSTART + 1, RLENGTH - 1)
		sub(/[ \t]*\($/, "", name)
		printf "%s:%d: %s() is banned (see scripts/banned.sh)\n", FILENAME, FNR, name
		found = 1
		code = substr(code, RSTART + RLENGTH)
	}
}
END { exit found ? 1 : 0 }
' "$@"
