#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# What each tool promises under faults: a full disk and a closed stdout are
# write errors (exit 1); few descriptors ("ulimit -n") give one clear line and
# leave nothing, and cgctl works with 8; SIGKILL at a random moment of a
# command that changes something leaves either nothing or what the next
# normal command describes and removes, and never a process.

load helpers

setup() {
	TMP=$(mktemp -d /tmp/nsutils-test-faults.XXXXXX)
	PIDS=()
	N=$(nsu_name f)
	# What this test starts carries its name in the environment: the only
	# processes it may call its own (other work on the machine runs the
	# same tools).
	export NSU_FAULTS_OWNER=$N
}

teardown() {
	stop_bg
	remove_named "$N"
	remove_tmp
}

tool() { # NAME: the built tool
	echo "$NSU_BUILDDIR/$1/$1"
}

# Shell text that closes every descriptor but 0, 1 and 2 (bats keeps some
# open), so that a "ulimit -n" after it counts only the tool's own.
CLOSE_FDS='for fd in $(ls /proc/$$/fd); do [ "$fd" -gt 2 ] && eval "exec $fd>&-"; done'

# Every command that prints, with a name of ours to print where it needs one.
printing_commands() {
	cat <<EOF
nslist
nslist -J
nslist -T
nslist -l -o NS,TYPE,NPROCS
nslist -p $$
cgctl controllers
cgctl -J controllers
cgctl list
cgctl which
cgctl -J which $$
cgctl get / cgroup.procs
cgctl stat $N
cgctl -J get $N
netnsctl list
netnsctl -J list
netnsctl list-id
netnsctl identify \$inside
netnsctl pids $N
unshare --help
nsenter --version
EOF
}

@test "faults: every command that prints fails on a full disk and on a closed stdout" {
	require_root
	[ -w /dev/full ] || skip "no /dev/full"
	local line t inside
	"$(tool cgctl)" create "$N"
	"$(tool netnsctl)" add "$N"
	# a process in the namespace, so that pids and list-id print
	"$(tool netnsctl)" exec "$N" sleep 100 3>&- &
	PIDS+=($!)
	inside=$!
	"$(tool netnsctl)" set "$N" auto
	while read -r line; do
		t=${line%% *}
		line=${line//\$inside/$inside}
		run sh -c "'$NSU_BUILDDIR/$t/$t' ${line#"$t"} >/dev/full"
		[ "$status" -eq 1 ] || fail "$line >/dev/full: exit status $status"
		[ "$output" = "$t: write error: No space left on device" ] || fail "$line >/dev/full: $output"
		run sh -c "'$NSU_BUILDDIR/$t/$t' ${line#"$t"} >&-"
		[ "$status" -eq 1 ] || fail "$line >&-: exit status $status"
		[[ $output == "$t: write error"* ]] || fail "$line >&-: $output"
	done < <(printing_commands)
}

# The cgroup layout decides what cgctl does (make check's VM lane runs these).
# bats test_tags=cgroup-layout
@test "faults: cgctl does the whole life of a group with ulimit -n 8" {
	require_root
	local G=$N
	run bash -c "$CLOSE_FDS; ulimit -n 8
		set -e
		'$(tool cgctl)' create -p '$G/a' pids.max=50
		'$(tool cgctl)' set '$G/a' pids.max=40
		'$(tool cgctl)' get '$G/a' pids.max
		'$(tool cgctl)' exec -s pids.max=30 '$G/b' -- true
		'$(tool cgctl)' exec --rm '$G/c' -- true
		'$(tool cgctl)' list '$G' >/dev/null
		'$(tool cgctl)' stat '$G/a' >/dev/null
		'$(tool cgctl)' freeze '$G/a'
		'$(tool cgctl)' thaw '$G/a'
		'$(tool cgctl)' kill '$G/a'
		'$(tool cgctl)' delete -r '$G'"
	assert_success
	assert_output 40
	[ -z "$(find /sys/fs/cgroup -maxdepth 2 -name "$N*")" ] || fail "groups left"
}

@test "faults: with too few descriptors each tool fails with one line and leaves nothing" {
	require_root
	local n cmd out
	: >"$TMP/nsfile"
	for n in 4 5 6; do
		for cmd in "nslist" "netnsctl add $N" "unshare --net=$TMP/nsfile true" \
			"nsenter -t $$ -a true" "cgctl create $N"; do
			run bash -c "$CLOSE_FDS; exec >/dev/null; ulimit -n $n; exec $NSU_BUILDDIR/${cmd%% *}/$cmd"
			[ "$status" -eq 0 ] && continue
			[ "$status" -eq 1 ] || fail "ulimit -n $n, $cmd: exit status $status"
			[ "${#lines[@]}" -eq 1 ] || fail "ulimit -n $n, $cmd: $output"
			[[ $output == "${cmd%% *}: "*": Too many open files" ]] || fail "ulimit -n $n, $cmd: $output"
			# nothing half-made: the name, the mount and the group are there whole or not at all
			if [ -e "/run/netns/$N" ]; then
				[ "$(stat -f -c %T "/run/netns/$N")" = nsfs ] || fail "ulimit -n $n, $cmd: debris in /run/netns"
				"$(tool netnsctl)" delete "$N"
			fi
			! mountpoint -q "$TMP/nsfile" || umount "$TMP/nsfile"
			out=$(find /sys/fs/cgroup -maxdepth 2 -name "$N" | wc -l)
			[ "$out" -eq 0 ] || "$(tool cgctl)" delete "$N" || fail "ulimit -n $n, $cmd: a group half made"
		done
	done
}

# SIGKILL to a command a random 0-90 ms after its start.
kill_soon() {
	"$@" >/dev/null 2>&1 3>&- </dev/null &
	local p=$!
	sleep "0.0$((RANDOM % 10))"
	kill -KILL "$p" 2>/dev/null || true
	wait "$p" 2>/dev/null || true
}

# A process of this test running a tool, not one of start_bg's (or theirs):
# its PID.
other_tool() {
	local p q
	for p in $(pgrep -f "$NSU_BUILDDIR/(unshare|nsenter|cgctl|netnsctl)/"); do
		tr '\0' '\n' <"/proc/$p/environ" 2>/dev/null | grep -qxF "NSU_FAULTS_OWNER=$N" || continue
		for q in "${PIDS[@]}"; do
			[ "$p" = "$q" ] || [ "$(ps -o ppid= -p "$p" | tr -d ' ')" = "$q" ] && continue 2
		done
		echo "$p"
		return 0
	done
	return 1
}

# No such process may be left, once those dying with the killed tool (a
# death signal; slow under emulation) had a second.
no_tool_left() {
	local i p
	for i in $(seq 1 20); do
		p=$(other_tool) || return 0
		sleep 0.05
	done
	fail "$1: a tool's process is left: $(ps -o pid,stat,args= -p "$p" | tail -n1)"
}

# bats test_tags=cgroup-layout
@test "faults: cgctl create, exec --rm and delete -r killed at any moment leave what delete removes" {
	require_root
	local i
	for i in $(seq 1 15); do
		# (a line now and then: under emulation this test takes 40 s)
		[ $((i % 5)) -ne 1 ] || echo "# round $i of 15" >&3
		kill_soon "$(tool cgctl)" create -p "$N/a/b" pids.max=20
		no_tool_left "create, round $i"
		# whatever is there, list shows it and delete -r removes it
		run "$(tool cgctl)" list
		assert_success
		kill_soon "$(tool cgctl)" exec --rm "$N/r" -- sleep 0.02
		no_tool_left "exec --rm, round $i"
		kill_soon "$(tool cgctl)" delete -r "$N"
		no_tool_left "delete -r, round $i"
		if [ -n "$(find /sys/fs/cgroup -maxdepth 2 -name "$N")" ]; then
			run "$(tool cgctl)" delete -r -k "$N"
			assert_success
		fi
		[ -z "$(find /sys/fs/cgroup -maxdepth 2 -name "$N")" ] || fail "round $i: groups left"
	done
}

@test "faults: netnsctl delete and exec killed at any moment leave a name that works or none" {
	require_root
	local i
	for i in $(seq 1 15); do
		"$(tool netnsctl)" add "$N"
		kill_soon "$(tool netnsctl)" exec "$N" sleep 0.05
		no_tool_left "exec, round $i"
		kill_soon "$(tool netnsctl)" delete "$N"
		no_tool_left "delete, round $i"
		if [ -e "/run/netns/$N" ]; then
			# a working namespace (the delete never began) or debris list flags
			run "$(tool netnsctl)" exec "$N" true
			[ "$status" -eq 0 ] || {
				run "$(tool netnsctl)" list
				assert_line "$N (debris: not a namespace; 'netnsctl delete $N' removes it)"
			}
			run "$(tool netnsctl)" delete "$N"
			assert_success
		fi
		[ ! -e "/run/netns/$N" ] || fail "round $i: left behind"
		! grep -q " /run/netns/$N " /proc/self/mountinfo || fail "round $i: a mount left"
	done
}

@test "faults: unshare --net=FILE killed at any moment leaves no helper and a bind mount that works or none" {
	require_root
	local i
	: >"$TMP/ns"
	for i in $(seq 1 20); do
		kill_soon "$(tool unshare)" --net="$TMP/ns" --uts true
		sleep 0.05
		no_tool_left "round $i"
		if mountpoint -q "$TMP/ns"; then
			run "$(tool nsenter)" --net="$TMP/ns" true
			assert_success
			umount "$TMP/ns"
		fi
	done
}

@test "faults: unshare --kill-child and nsenter -p killed at any moment leave no process" {
	require_root
	local i target
	start_bg "$(tool unshare)" -p -f --mount-proc sleep 100
	target=$TARGET
	for i in $(seq 1 15); do
		kill_soon "$(tool unshare)" -p -f --kill-child --mount-proc sleep 5.0123
		sleep 0.05
		no_tool_left "unshare, round $i"
		! pgrep -f "^sleep 5.0123$" >/dev/null || fail "unshare, round $i: its child lives on"
		kill_soon "$(tool nsenter)" -t "$target" -p -m true
		sleep 0.05
		no_tool_left "nsenter, round $i"
		run "$(tool nsenter)" -t "$target" -p -m true
		assert_success
	done
}
