#!/bin/sh
# postfix-lab.sh - a private Postfix on loopback that relays every message to
# smtp-sink, optionally through a milter, for end-to-end tests and the demo.
#
#	scripts/postfix-lab.sh start DIR [--milter SOCKET] [--port N] [--sink-port N]
#	scripts/postfix-lab.sh spawn DIR NAME COMMAND [ARG...]
#	scripts/postfix-lab.sh send DIR FILE...
#	scripts/postfix-lab.sh wait DIR COUNT [SECONDS]
#	scripts/postfix-lab.sh wait-socket SOCKET [SECONDS]
#	scripts/postfix-lab.sh stop DIR
#	scripts/postfix-lab.sh free-port [FROM]
#
# start builds DIR (created if missing; any lab already running there is
# stopped first): DIR/conf holds main.cf and master.cf, DIR/log/maillog is
# Postfix's log (the machine may run no syslog daemon).  Postfix's queue
# and data directories and smtp-sink's files must be reachable by the
# postfix user, which DIR may not be (a clone under /root, mode 0700): they
# live in a directory of their own made by mktemp under LAB_TMP (default
# /var/tmp), mode 0755, named in DIR/lab.ext, and removed by stop.
# DIR/sink is a symbolic link to its sink/, which receives one file per
# delivered message from smtp-sink.  Postfix listens on 127.0.0.1:PORT and relays
# everything to smtp-sink on 127.0.0.1:SINKPORT; with --milter every
# message, SMTP or local, goes through that milter (libmilter syntax:
# inet:PORT@HOST, unix:PATH, local:PATH).  Mail passes if the milter is
# away (milter_default_action = accept), so start the milter after the lab
# and `wait-socket` for it before sending mail.  Postfix's smtpd runs as
# the postfix user: a unix socket must be writable by it (an inet socket on
# loopback needs nothing).  start prints the ports and writes them
# to DIR/lab.env (SMTP_PORT=, SINK_PORT=, SINK_DIR=, MAILLOG=, CONF_DIR=) for
# scripts to source.
#
# spawn runs COMMAND in the background for the lab (the milter), output to
# DIR/log/NAME.log, pid in DIR/run/NAME.pid, so that `stop` stops it too;
# a caller that starts a process itself may write DIR/run/NAME.pid.
#
# send hands each FILE to the lab's Postfix over SMTP (swaks), from the
# first address of its From to the first of its To, and prints a line for
# each as it goes: that sender and the Subject.  It stops at the first
# FILE that has no From or To or is refused, showing swaks' output.
#
# wait blocks until COUNT messages have been delivered to the sink (a file
# in DIR/sink and a status=sent line in the log for each), or fails after
# SECONDS (default 60) showing the queue and the end of the log.
#
# Nothing outside DIR and that one directory is written: Postfix runs
# with `postfix -c DIR/conf`, and /etc/postfix is only read
# (postfix-files, the daemons' paths).
# Needs root (Postfix's master and smtp-sink drop to the postfix user).
set -u

PROG=postfix-lab.sh
POSTFIX=${POSTFIX:-/usr/sbin/postfix}
SMTP_SINK=${SMTP_SINK:-/usr/sbin/smtp-sink}
MAIL_OWNER=${MAIL_OWNER:-postfix}
LAB_TMP=${LAB_TMP:-/var/tmp}

die() {
	echo "$PROG: $*" >&2
	exit 1
}

usage() {
	cat >&2 <<EOF
usage: $PROG start DIR [--milter SOCKET] [--port N] [--sink-port N]
       $PROG spawn DIR NAME COMMAND [ARG...]
       $PROG send DIR FILE...
       $PROG wait DIR COUNT [SECONDS]
       $PROG wait-socket SOCKET [SECONDS]
       $PROG stop DIR
       $PROG free-port [FROM]
EOF
	exit 2
}

# is_number S - true if S is a non-empty string of digits
is_number() {
	case "$1" in
	'' | *[!0-9]*) return 1 ;;
	esac
	return 0
}

# port_busy PORT - true if something listens on TCP PORT (any address).
# Reads /proc/net/tcp{,6} (state 0A is LISTEN), so it needs no ss/netstat.
port_busy() {
	hex=$(printf ':%04X' "$1")
	cat /proc/net/tcp /proc/net/tcp6 2>/dev/null |
		awk -v p="$hex" '$4 == "0A" && substr($2, length($2) - 4) == p { f = 1 }
			END { exit !f }'
}

# port_used PORT - true if any TCP socket has PORT as its local port,
# listening or not: a connection's end there fails a bind as surely
port_used() {
	hex=$(printf ':%04X' "$1")
	cat /proc/net/tcp /proc/net/tcp6 2>/dev/null |
		awk -v p="$hex" 'substr($2, length($2) - 4) == p { f = 1 }
			END { exit !f }'
}

# Ports the labs use: below Linux's ephemeral range (32768 up, where any
# outgoing connection may take a port between our check and our bind).
PORT_LOW=20000
PORT_HIGH=32000

# free_port FROM [EXCEPT] - print the first free TCP port at or above FROM,
# FROM folded into PORT_LOW..PORT_HIGH
free_port() {
	p=$1
	if [ "$p" -lt "$PORT_LOW" ] || [ "$p" -ge "$PORT_HIGH" ]; then
		p=$((PORT_LOW + p % (PORT_HIGH - PORT_LOW)))
	fi
	tries=0
	while [ "$tries" -lt 500 ]; do
		if [ "$p" -ge "$PORT_HIGH" ]; then
			p=$PORT_LOW
		fi
		if [ "$p" != "${2:-}" ] && ! port_used "$p"; then
			echo "$p"
			return 0
		fi
		p=$((p + 1))
		tries=$((tries + 1))
	done
	return 1
}

# default_base - a starting port that differs between concurrent runs
default_base() {
	echo $((PORT_LOW + ($$ * 37) % (PORT_HIGH - PORT_LOW)))
}

# abs_dir DIR - DIR as an absolute path (created if missing)
abs_dir() {
	mkdir -p "$1" || die "cannot create $1"
	(cd "$1" && pwd -P)
}

# milter_for_postfix SOCKET - libmilter socket syntax to Postfix's
milter_for_postfix() {
	case "$1" in
	inet:*@*)
		s=${1#inet:}
		echo "inet:${s#*@}:${s%%@*}"
		;;
	inet6:*@*)
		s=${1#inet6:}
		echo "inet:[${s#*@}]:${s%%@*}"
		;;
	unix:/* | local:/*)
		echo "unix:${1#*:}"
		;;
	/*)
		echo "unix:$1"
		;;
	*)
		return 1
		;;
	esac
}

# socket_ready SOCKET - true if a milter listens there
socket_ready() {
	case "$1" in
	inet:*@* | inet6:*@*)
		s=${1#*:}
		port_busy "${s%%@*}"
		;;
	unix:* | local:*)
		[ -S "${1#*:}" ]
		;;
	/*)
		[ -S "$1" ]
		;;
	*)
		return 1
		;;
	esac
}

# poll SECONDS COMMAND... - run COMMAND every 0.1 s until it succeeds;
# false if it has not after SECONDS
poll() {
	n=0
	limit=$(($1 * 10))
	shift
	while ! "$@"; do
		n=$((n + 1))
		[ "$n" -ge "$limit" ] && return 1
		sleep 0.1
	done
	return 0
}

# wait_socket SOCKET SECONDS - poll until the socket listens
wait_socket() { poll "$2" socket_ready "$1"; }

# wait_port PORT SECONDS - poll until something listens on PORT
wait_port() { poll "$2" port_busy "$1"; }

# pid_alive PID - true if the process exists
pid_alive() {
	is_number "$1" && kill -0 "$1" 2>/dev/null
}

# pid_gone PID - true once the process is gone
pid_gone() { ! pid_alive "$1"; }

# stop_pid PID - SIGTERM, wait up to 5 seconds, then SIGKILL
stop_pid() {
	pid_alive "$1" || return 0
	kill "$1" 2>/dev/null
	poll 5 pid_gone "$1" || kill -9 "$1" 2>/dev/null
	return 0
}

write_main_cf() {
	dir=$1
	ext=$2
	cat <<EOF
# Private lab instance written by scripts/postfix-lab.sh: do not edit.
compatibility_level = 3.6
queue_directory = $ext/queue
data_directory = $ext/data
mail_owner = $MAIL_OWNER
syslog_name = postfix-lab
maillog_file = $dir/log/maillog
maillog_file_prefixes = $dir/log
myhostname = lab.clientele.test
mydomain = clientele.test
myorigin = \$myhostname
mydestination =
local_recipient_maps =
relay_domains =
alias_maps =
alias_database =
biff = no
append_dot_mydomain = no
inet_interfaces = loopback-only
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
smtpd_relay_restrictions = permit_mynetworks, reject
smtpd_peername_lookup = no
smtpd_tls_security_level = none
smtp_tls_security_level = none
smtp_dns_support_level = disabled
relayhost = [127.0.0.1]:$SINK_PORT
default_transport = smtp
queue_run_delay = 5s
minimal_backoff_time = 5s
maximal_backoff_time = 10s
delay_warning_time = 0
smtpd_milters = $MILTER_PF
non_smtpd_milters = $MILTER_PF
milter_default_action = accept
milter_protocol = 6
milter_mail_macros = i {auth_authen} {mail_addr}
EOF
}

write_master_cf() {
	cat <<EOF
# Private lab instance written by scripts/postfix-lab.sh: do not edit.
# service type  private unpriv  chroot  wakeup  maxproc command
127.0.0.1:$SMTP_PORT inet n - n - - smtpd
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
proxywrite unix -       -       n       -       1       proxymap
smtp      unix  -       -       n       -       -       smtp
relay     unix  -       -       n       -       -       smtp
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
local     unix  -       n       n       -       -       local
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
EOF
}

# show_failure DIR - what a person needs to see when the lab misbehaves
show_failure() {
	if [ -f "$1/log/maillog" ]; then
		echo "--- last lines of $1/log/maillog:" >&2
		tail -n 25 "$1/log/maillog" >&2
	fi
	if [ -f "$1/log/postfix-start.log" ]; then
		echo "--- postfix start output:" >&2
		tail -n 15 "$1/log/postfix-start.log" >&2
	fi
}

cmd_stop() {
	[ $# -eq 1 ] || usage
	[ -d "$1" ] || return 0
	dir=$(cd "$1" && pwd -P)
	conf=$dir/conf
	ext=$(lab_ext "$dir")
	if [ -f "$conf/main.cf" ] && [ -n "$ext" ] && [ -d "$ext/queue" ]; then
		mpid=""
		if [ -f "$ext/queue/pid/master.pid" ]; then
			mpid=$(tr -dc 0-9 <"$ext/queue/pid/master.pid")
		fi
		if pid_alive "$mpid"; then
			"$POSTFIX" -c "$conf" stop >/dev/null 2>&1
			if ! poll 10 pid_gone "$mpid"; then
				"$POSTFIX" -c "$conf" abort >/dev/null 2>&1
				sleep 0.5
				stop_pid "$mpid"
			fi
		fi
	fi
	if [ -d "$dir/run" ]; then
		for f in "$dir"/run/*.pid; do
			[ -f "$f" ] || continue
			stop_pid "$(tr -dc 0-9 <"$f")"
			rm -f "$f"
		done
	fi
	if [ -n "$ext" ]; then
		rm -rf "$ext"
		rm -f "$dir/lab.ext" "$dir/sink"
	fi
	return 0
}

# lab_ext DIR - the lab's directory for Postfix's user, if it has one.
# Only a name of the form mktemp gave it is believed.
lab_ext() {
	[ -f "$1/lab.ext" ] || return 0
	e=$(cat "$1/lab.ext")
	case "$e" in
	/*/clientele-lab.*) [ -d "$e" ] && echo "$e" ;;
	esac
	return 0
}

cmd_start() {
	[ $# -ge 1 ] || usage
	DIR_ARG=$1
	shift
	MILTER=""
	SMTP_PORT=""
	SINK_PORT=""
	while [ $# -gt 0 ]; do
		case "$1" in
		--milter)
			[ $# -ge 2 ] || usage
			MILTER=$2
			shift 2
			;;
		--port)
			[ $# -ge 2 ] && is_number "$2" || usage
			SMTP_PORT=$2
			shift 2
			;;
		--sink-port)
			[ $# -ge 2 ] && is_number "$2" || usage
			SINK_PORT=$2
			shift 2
			;;
		*)
			usage
			;;
		esac
	done
	[ "$(id -u)" = 0 ] || die "needs root (Postfix's master runs as root)"
	[ -x "$POSTFIX" ] || die "$POSTFIX not found: install the postfix package"
	[ -x "$SMTP_SINK" ] || die "$SMTP_SINK not found: install the postfix package"
	[ -r /proc/net/tcp ] || die "/proc/net/tcp is not readable"
	id "$MAIL_OWNER" >/dev/null 2>&1 || die "no user $MAIL_OWNER"

	MILTER_PF=""
	if [ -n "$MILTER" ]; then
		MILTER_PF=$(milter_for_postfix "$MILTER") ||
			die "bad milter socket '$MILTER' (inet:PORT@HOST or unix:PATH)"
	fi

	cmd_stop "$DIR_ARG"
	dir=$(abs_dir "$DIR_ARG") || exit 1
	case "$dir" in
	*[[:space:]]*) die "lab directory may not contain spaces: $dir" ;;
	esac
	conf=$dir/conf
	rm -rf "$conf" "$dir/queue" "$dir/data" "$dir/log" "$dir/sink" \
		"$dir/run" "$dir/lab.env"
	mkdir -p "$conf" "$dir/log" "$dir/run" ||
		die "cannot create directories under $dir"
	ext=$(mktemp -d "$LAB_TMP/clientele-lab.XXXXXX") ||
		die "cannot create a directory under $LAB_TMP"
	echo "$ext" >"$dir/lab.ext"
	mkdir -p "$ext/queue" "$ext/data" "$ext/sink" ||
		die "cannot create directories under $ext"
	chown "$MAIL_OWNER" "$ext/data" "$ext/sink" ||
		die "cannot chown $ext/data"
	chmod 755 "$ext" "$ext/queue" "$ext/sink"
	chmod 700 "$ext/data"
	ln -s "$ext/sink" "$dir/sink" || die "cannot link $dir/sink"
	: >"$dir/log/maillog"
	chmod 644 "$dir/log/maillog"

	base=$(default_base)
	if [ -z "$SMTP_PORT" ]; then
		SMTP_PORT=$(free_port "$base") || die "no free port"
	fi
	if [ -z "$SINK_PORT" ]; then
		SINK_PORT=$(free_port $((SMTP_PORT + 1)) "$SMTP_PORT") ||
			die "no free port"
	fi
	port_busy "$SMTP_PORT" && die "port $SMTP_PORT is in use"
	port_busy "$SINK_PORT" && die "port $SINK_PORT is in use"

	write_main_cf "$dir" "$ext" >"$conf/main.cf"
	write_master_cf >"$conf/master.cf"

	# smtp-sink: one file per message, named by time plus a random suffix
	"$SMTP_SINK" -u "$MAIL_OWNER" -d "$ext/sink/%H%M%S." \
		"127.0.0.1:$SINK_PORT" 64 >"$dir/log/sink.log" 2>&1 &
	echo $! >"$dir/run/sink.pid"
	if ! wait_port "$SINK_PORT" 10; then
		cat "$dir/log/sink.log" >&2
		cmd_stop "$dir"
		die "smtp-sink did not start on 127.0.0.1:$SINK_PORT"
	fi

	# check creates the queue's subdirectories with their owners and modes
	if ! "$POSTFIX" -c "$conf" check >"$dir/log/postfix-start.log" 2>&1 ||
	    ! "$POSTFIX" -c "$conf" start >>"$dir/log/postfix-start.log" 2>&1; then
		show_failure "$dir"
		cmd_stop "$dir"
		die "postfix did not start (config in $conf)"
	fi
	if ! wait_port "$SMTP_PORT" 15; then
		show_failure "$dir"
		cmd_stop "$dir"
		die "postfix is not listening on 127.0.0.1:$SMTP_PORT"
	fi

	cat >"$dir/lab.env" <<EOF
SMTP_PORT=$SMTP_PORT
SINK_PORT=$SINK_PORT
SINK_DIR=$ext/sink
MAILLOG=$dir/log/maillog
CONF_DIR=$conf
EOF
	echo "postfix-lab: smtp 127.0.0.1:$SMTP_PORT -> sink 127.0.0.1:$SINK_PORT${MILTER:+ via milter $MILTER}"
	return 0
}

cmd_spawn() {
	[ $# -ge 3 ] || usage
	[ -d "$1/run" ] || die "no lab in $1 (run start first)"
	case "$2" in
	'' | *[!A-Za-z0-9_-]*) die "bad process name: $2" ;;
	esac
	sdir=$1
	name=$2
	shift 2
	"$@" >"$sdir/log/$name.log" 2>&1 &
	echo $! >"$sdir/run/$name.pid"
	sleep 0.2
	if ! pid_alive "$(cat "$sdir/run/$name.pid")"; then
		cat "$sdir/log/$name.log" >&2
		die "$name exited at once: $*"
	fi
	return 0
}

# first_address HEADER FILE - the first address in that header of FILE
first_address() {
	sed -n "/^\$/q; s/^$1:[[:space:]]*//ip" "$2" | head -n 1 |
		sed -e 's/.*<\([^>]*\)>.*/\1/' -e 's/[[:space:]]//g' -e 's/,.*//'
}

cmd_send() {
	[ $# -ge 2 ] || usage
	[ -f "$1/lab.env" ] || die "no lab in $1 (run start first)"
	sdir=$1
	shift
	port=$(sed -n 's/^SMTP_PORT=//p' "$sdir/lab.env")
	for f in "$@"; do
		from=$(first_address From "$f")
		to=$(first_address To "$f")
		[ -n "$from" ] && [ -n "$to" ] || die "$f has no From or To address"
		subject=$(sed -n '/^$/q; s/^Subject:[[:space:]]*//ip' "$f" | head -n 1)
		printf '%-34s %s\n' "$from" "$subject"
		timeout 30 swaks --silent 2 --server "127.0.0.1:$port" \
			--from "$from" --to "$to" --data "$f" >"$sdir/log/swaks.log" 2>&1 ||
			{ cat "$sdir/log/swaks.log" >&2; die "could not send $f"; }
	done
	return 0
}

# delivered DIR - how many messages reached the sink
delivered() {
	files=$(find "$1/sink/" -type f 2>/dev/null | wc -l)
	sent=$(grep -c 'status=sent' "$1/log/maillog" 2>/dev/null)
	if [ "${sent:-0}" -lt "$files" ]; then
		echo "${sent:-0}"
	else
		echo "$files"
	fi
}

cmd_wait() {
	[ $# -ge 2 ] && [ $# -le 3 ] || usage
	is_number "$2" || usage
	secs=${3:-60}
	is_number "$secs" || usage
	[ -d "$1/sink" ] || die "no lab in $1"
	n=0
	limit=$((secs * 5))
	while [ "$(delivered "$1")" -lt "$2" ]; do
		n=$((n + 1))
		if [ "$n" -ge "$limit" ]; then
			echo "$PROG: only $(delivered "$1") of $2 messages delivered after ${secs}s" >&2
			"$POSTFIX" -c "$1/conf" status >&2 2>&1
			postqueue -c "$1/conf" -p >&2 2>&1
			show_failure "$1"
			return 1
		fi
		sleep 0.2
	done
	return 0
}

[ $# -ge 1 ] || usage
cmd=$1
shift
case "$cmd" in
start)
	cmd_start "$@"
	;;
stop)
	cmd_stop "$@"
	;;
send)
	cmd_send "$@"
	;;
wait)
	cmd_wait "$@"
	;;
spawn)
	cmd_spawn "$@"
	;;
wait-socket)
	[ $# -ge 1 ] && [ $# -le 2 ] || usage
	wait_socket "$1" "${2:-20}" || die "nothing listens on $1 after ${2:-20}s"
	;;
free-port)
	[ $# -le 1 ] || usage
	from=${1:-$(default_base)}
	is_number "$from" || usage
	free_port "$from" || die "no free port"
	;;
*)
	usage
	;;
esac
