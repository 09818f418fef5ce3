#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# Hostile names in output: whatever bytes a network namespace's name, a
# group's name or a process's command line holds (quotes, backslashes,
# control characters, an escape sequence, bytes that are not UTF-8), every
# JSON output is valid JSON (checked by Python's parser, strict UTF-8) and
# the plain output is UTF-8 without control characters: they are shown as
# \xHH, as util-linux's tools show them.

load helpers

setup() {
	require_root
	TMP=$(mktemp -d /tmp/nsutils-test-names.XXXXXX)
	PIDS=()
	N=$(nsu_name h)
	# a quote, a backslash, a tab, ^A, ESC [31m, 0xff 0xfe, é, a newline
	HOSTILE="$N-\"q\\b"$'\t\x01\x1b[31m\xff\xfe-\xc3\xa9\n2'
	# cgroupfs refuses a newline, and cgctl control characters
	GROUP="$N-\"q\\b "$'\xff\xfe-\xc3\xa9%{}'
	# a group another tool made, with control characters
	RAWGROUP="$N-"$'\t\x01\x1b[31m'
	PY=/usr/bin/python3
	[ -x "$PY" ] || skip "no /usr/bin/python3 to check the JSON"
}

teardown() {
	stop_bg
	remove_named "$N"
	remove_tmp
}

# stdin is JSON: one document, or (with "lines") one a line.
json_ok() { # [lines] (the output of a command, to name in a failure)
	"$PY" -c '
import json, sys
text = sys.stdin.buffer.read().decode("utf-8")
if sys.argv[1] == "lines":
    for l in text.splitlines():
        json.loads(l)
else:
    json.loads(text)
' "${1:-one}"
}

# stdin is UTF-8 with no control character but newlines.
plain_ok() {
	"$PY" -c '
import sys
text = sys.stdin.buffer.read().decode("utf-8")
bad = [c for c in text if (ord(c) < 32 and c != "\n") or ord(c) == 127]
sys.exit("control characters: %r" % bad if bad else 0)
'
}

check_json() { # description command...
	local what=$1
	shift
	"$@" >"$TMP/out" || fail "$what: exit status $?"
	json_ok <"$TMP/out" 2>"$TMP/why" || fail "$what: not JSON: $(tail -n1 "$TMP/why")"
}

check_plain() { # description command...
	local what=$1
	shift
	"$@" >"$TMP/out" || fail "$what: exit status $?"
	plain_ok <"$TMP/out" 2>"$TMP/why" || fail "$what: $(tail -n1 "$TMP/why")"
}

@test "names: a network namespace name of any bytes: valid JSON, escaped text" {
	require_cmd ip
	local NETNSCTL="$NSU_BUILDDIR/netnsctl/netnsctl" NSLIST="$NSU_BUILDDIR/nslist/nslist" inside
	"$NETNSCTL" -J monitor >"$TMP/mon.json" 2>&1 3>&- &
	PIDS+=($!)
	"$NETNSCTL" monitor >"$TMP/mon.txt" 2>&1 3>&- &
	PIDS+=($!)
	sleep 0.3
	"$NETNSCTL" add "$HOSTILE"
	"$NETNSCTL" exec "$HOSTILE" sleep 100 3>&- &
	PIDS+=($!)
	inside=$!
	"$NETNSCTL" set "$HOSTILE" auto
	check_json "netnsctl -J list" "$NETNSCTL" -J list
	check_json "netnsctl -J -p list" "$NETNSCTL" -J -p list
	check_json "netnsctl -J list-id" "$NETNSCTL" -J list-id
	check_json "nslist -J" "$NSLIST" -J -t net -o NS,NAME,NSFS,PATH
	check_json "nslist -J --tree" "$NSLIST" -J --tree=owner -t net -o NS,NAME
	run "$NSLIST" -J -t net -o NS,NAME
	assert_output --partial '\t\u0001\u001b[31m\\xff\\xfe-é\n2'
	check_plain "netnsctl list" "$NETNSCTL" list
	check_plain "netnsctl list-id" "$NETNSCTL" list-id
	check_plain "netnsctl identify" "$NETNSCTL" identify "$inside"
	check_plain "nslist" "$NSLIST" -t net -o NS,NAME,NSFS
	check_plain "nslist -r" "$NSLIST" -r -t net -o NS,NAME,NSFS
	# what is valid UTF-8 and printable stays as it is: é stays é; control characters get JSON's
	# escapes, as lsns writes them; bytes that are not UTF-8 are \xHH
	run "$NETNSCTL" -J list
	assert_output --partial '\t\u0001\u001b[31m\\xff\\xfe-é\n2'
	run "$NETNSCTL" list
	assert_output --partial '"q\b\x09\x01\x1b[31m\xff\xfe-é\x0a2'
	"$NETNSCTL" delete "$HOSTILE"
	sleep 0.3
	json_ok lines <"$TMP/mon.json" || fail "netnsctl -J monitor: not JSON"
	grep -a -q "$N" "$TMP/mon.json" || fail "netnsctl -J monitor: no event: $(cat "$TMP/mon.json")"
	plain_ok <"$TMP/mon.txt" || fail "netnsctl monitor: not escaped"
}

@test "names: a group name of any bytes: valid JSON, escaped text" {
	local CGCTL="$NSU_BUILDDIR/cgctl/cgctl" d p
	"$CGCTL" create "$GROUP"
	# another tool's group, in every hierarchy that takes it
	for d in /sys/fs/cgroup/pids /sys/fs/cgroup; do
		[ -f "$d/cgroup.procs" ] && mkdir "$d/$RAWGROUP" && break
	done
	sleep 100 3>&- &
	PIDS+=($!)
	p=$!
	"$CGCTL" attach "$GROUP" "$p"
	[ -d "$d/$RAWGROUP" ] && echo "$p" >"$d/$RAWGROUP/cgroup.procs"
	check_json "cgctl -J list" "$CGCTL" -J list
	check_json "cgctl -J which" "$CGCTL" -J which "$p"
	check_json "cgctl -J get" "$CGCTL" -J get "$GROUP"
	check_json "cgctl -J stat" "$CGCTL" -J stat "$GROUP"
	check_plain "cgctl list" "$CGCTL" list
	check_plain "cgctl which" "$CGCTL" which "$p"
	check_plain "cgctl -r list" "$CGCTL" -r list
}

@test "names: a command line of any bytes: valid JSON, escaped text" {
	local NSLIST="$NSU_BUILDDIR/nslist/nslist"
	# the only process of a UTS namespace, so that its command is the one shown
	start_bg "$NSU_BUILDDIR/unshare/unshare" -u bash -c "exec -a \"\$1\" sleep 100" sh "$HOSTILE"
	check_json "nslist -J" "$NSLIST" -J -t uts -o NS,PID,COMMAND
	check_json "nslist -J -p" "$NSLIST" -J -p "$TARGET"
	check_plain "nslist" "$NSLIST" -t uts -o NS,PID,COMMAND
	check_plain "nslist -p" "$NSLIST" -p "$TARGET"
	run "$NSLIST" -n -t uts -o COMMAND
	assert_output --partial '\x09\x01\x1b[31m\xff\xfe'
}
