# lib_pg.sh - a private PostgreSQL server for the tests, sourced by
# tests/t_pgsql*.sh (after tests/lib.sh) and usable by hand:
#
#	. tests/lib_pg.sh
#	pg_start [LOGDIR]     initdb + pg_ctl start; sets the variables below
#	pg_lab                pg_start for a tests/t_*.sh script (see below)
#	...
#	pg_stop               stop it and remove everything it made
#
# It uses Debian's `postgresql` package (scripts/deps.sh installs it):
# initdb and pg_ctl from /usr/lib/postgresql/*/bin, the newest version.
# The cluster lives in a fresh `mktemp -d /var/tmp/clientele-pg.XXXXXX`:
# the tests run as root from a clone that may sit in a 0700 home, and
# initdb refuses root, so as root the server runs as the `postgres` user
# and that directory belongs to it.  It listens on a unix socket in that
# directory only (listen_addresses = ''), with trust authentication for
# everyone but the role `clientele_pw` (password `right`, scram), which is
# there to test wrong credentials.  fsync is off: it is thrown away.
# Nothing under /etc is read or written; pg_stop runs on exit (trap).
#
# After pg_start:
#	PG_DIR        the directory holding data/, the socket and the log
#	PG_URI        postgresql:///clientele?host=...&port=...&user=postgres
#	PG_RESET      a shell command that empties the clientele database
#	              (drops and re-creates its public schema), for
#	              CLIENTELE_TEST_DB_RESET
#	pg_psql SQL   runs SQL in the clientele database, prints rows bare
#	pg_halt       stops the server (fast: clients are cut off), keeping
#	              its data; pg_resume starts it again on the same socket
#
# A fixed port number (PG_PORT, 5432 unless set) only names the socket
# file: the directory is new, so it is always free.

PG_PORT=${PG_PORT:-5432}
PG_DIR=
PG_URI=
PG_RESET=
PG_BIN=
PG_AS=
PG_LOGDIR=

# pg_find_bin - the newest /usr/lib/postgresql/N/bin with initdb in it
pg_find_bin() {
	PG_BIN=
	for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V); do
		[ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && PG_BIN=$d
	done
	if [ -z "$PG_BIN" ]; then
		echo "lib_pg: no initdb under /usr/lib/postgresql/*/bin" \
		    "(install the postgresql package: sh scripts/deps.sh)" >&2
		return 1
	fi
}

# pg_run CMD... - CMD as the server's user (postgres when we are root)
pg_run() {
	if [ -n "$PG_AS" ]; then
		runuser -u "$PG_AS" -- "$@"
	else
		"$@"
	fi
}

# pg_psql SQL - run SQL in the clientele database; rows unaligned, bare
pg_psql() {
	"$PG_BIN/psql" -X -q -A -t -v ON_ERROR_STOP=1 -h "$PG_DIR" \
	    -p "$PG_PORT" -U postgres -d clientele -c "$1"
}

# pg_lab - pg_start for a tests/t_*.sh script (after tests/lib.sh), its
# log in $tmp, stopped by t_cleanup (a script that starts more defines
# its own after); exits 1 saying so when no server starts
pg_lab() {
	pg_start "$tmp" || { echo "$t_name: no server"; exit 1; }
	t_cleanup() { pg_stop; }
}

# pg_start [LOGDIR] - start the private server (see above); LOGDIR, when
# given, receives a copy of the server's log at pg_stop
pg_start() {
	PG_LOGDIR=${1:-}
	pg_find_bin || return 1
	PG_AS=
	[ "$(id -u)" = 0 ] && PG_AS=postgres
	PG_DIR=$(mktemp -d /var/tmp/clientele-pg.XXXXXX) || return 1
	trap 'pg_stop' EXIT
	trap 'pg_stop; exit 1' INT TERM
	[ -z "$PG_AS" ] || chown "$PG_AS" "$PG_DIR" || return 1
	printf '%s\n' right > "$PG_DIR/pw"
	[ -z "$PG_AS" ] || chown "$PG_AS" "$PG_DIR/pw"
	if ! pg_run "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres -E UTF8 \
	    --locale=C --auth=trust --pwfile="$PG_DIR/pw" --no-sync \
	    > "$PG_DIR/initdb.log" 2>&1; then
		echo "lib_pg: initdb failed:" >&2
		cat "$PG_DIR/initdb.log" >&2
		return 1
	fi
	# the test role for wrong credentials first, then trust for the rest
	{
		echo "local all clientele_pw scram-sha-256"
		echo "local all all trust"
	} > "$PG_DIR/data/pg_hba.conf"
	pg_resume || return 1
	PG_URI="postgresql:///clientele?host=$PG_DIR&port=$PG_PORT&user=postgres"
	"$PG_BIN/psql" -X -q -h "$PG_DIR" -p "$PG_PORT" -U postgres -d postgres \
	    -c "CREATE DATABASE clientele" \
	    -c "CREATE ROLE clientele_pw LOGIN PASSWORD 'right'" || return 1
	PG_RESET="'$PG_BIN/psql' -X -q -h '$PG_DIR' -p $PG_PORT -U postgres \
-d clientele -c 'SET client_min_messages = warning' \
-c 'DROP SCHEMA IF EXISTS public CASCADE' \
-c 'CREATE SCHEMA public'"
	export PG_DIR PG_URI PG_RESET
}

# pg_resume - start the server of PG_DIR (again)
pg_resume() {
	if ! pg_run "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" \
	    -w -t 60 -o "-c listen_addresses='' -k $PG_DIR -p $PG_PORT \
	    -c fsync=off -c synchronous_commit=off -c full_page_writes=off \
	    -c max_connections=50" start > "$PG_DIR/pg_ctl.log" 2>&1; then
		echo "lib_pg: the server did not start:" >&2
		cat "$PG_DIR/pg_ctl.log" "$PG_DIR/server.log" >&2
		return 1
	fi
}

# pg_halt - stop the server as an administrator would (fast shutdown:
# open transactions are rolled back, clients cut off); the data stays
pg_halt() {
	pg_run "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w -t 60 stop \
	    > "$PG_DIR/pg_ctl.log" 2>&1
}

# pg_stop - stop the server, keep its log (LOGDIR), remove its directory
pg_stop() {
	[ -n "$PG_DIR" ] && [ -d "$PG_DIR" ] || return 0
	if [ -f "$PG_DIR/data/postmaster.pid" ]; then
		pg_run "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w \
		    stop > /dev/null 2>&1
	fi
	[ -z "$PG_LOGDIR" ] || cp "$PG_DIR/server.log" "$PG_LOGDIR/" \
	    2>/dev/null
	rm -rf "$PG_DIR"
	PG_DIR=
}
