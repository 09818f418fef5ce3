#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# make demo, the README's first command: it runs through and leaves nothing
# behind, also when stopped halfway. Its objects carry a nsutils-test- prefix here.

load helpers

setup() {
	P=$(nsu_name demo)
}

# The live processes (zombies are dead: the machine's PID 1 reaps them late)
# that carry the demo's tag, as "comm: PID": each demo runs with
# NSU_DEMO_TAG=$P in its environment, which every process it starts
# inherits, so what outlives it is found by it, not confused with other
# users' processes on a busy machine.
tagged() {
	local e p
	for e in /proc/[0-9]*/environ; do
		p=${e#/proc/}
		p=${p%/environ}
		grep -qaz "^NSU_DEMO_TAG=$P\$" "$e" 2>/dev/null || continue
		[ "$(awk '/^State:/ {print $2}' /proc/"$p"/status 2>/dev/null)" = Z ] && continue
		echo "$(cat /proc/"$p"/comm 2>/dev/null): $p"
	done
}

leftovers() {
	local d
	for d in /sys/fs/cgroup/"$P"* /sys/fs/cgroup/*/"$P"* /var/run/netns/"$P"*; do
		[ -e "$d" ] && echo "$d"
	done
	# The container's PID 1 ends as a plain "sleep": none may outlive the demo.
	tagged
}

teardown() {
	local d
	# What a failed demo left running (its container's PID 1) goes too.
	tagged | sed 's/.*: //' | xargs -r kill -KILL 2>/dev/null
	for d in /var/run/netns/"$P"*; do
		[ -e "$d" ] && "$NSU_BUILDDIR/netnsctl/netnsctl" delete "${d##*/}"
	done
	for d in /sys/fs/cgroup/"$P"* /sys/fs/cgroup/*/"$P"*; do
		[ -e "$d" ] && "$NSU_BUILDDIR/cgctl/cgctl" delete -k -r "${d##*/}"
	done
	true
}

@test "demo: make demo runs through as root and leaves nothing behind" {
	require_root
	require_cmd ip ping make
	[ -x "$NSU_BUILDDIR/cgctl/cgctl" ] && [ -x "$NSU_BUILDDIR/netnsctl/netnsctl" ] || skip "needs every tool built"
	NSU_DEMO_TAG=$P NSU_DEMO_PREFIX=$P run make -s -C "$NSU_BUILDDIR" demo
	assert_success
	assert_line --partial "inside: PID 1, hostname box"
	assert_line --regexp "^64 bytes from 192.0.2.2"
	assert_line --partial "the OOM killer killed"
	assert_line --partial "no namespace, mount, interface or cgroup of the demo is left."
	# each step is shown as a user types it: tool names, not build paths; folded under 100 columns
	assert_line --regexp "^# netnsctl add $P-red $P-blue\$"
	assert_line --regexp "^# cgctl create $P memory.max=128M pids.max=64 cpu.max=50%\$"
	refute_output --partial "$NSU_BUILDDIR/"
	local long
	long=$(printf '%s\n' "$output" | awk '/^# / || (cont && /^    /) { if (length($0) > 100) print } { cont = /\\$/ }')
	[ -z "$long" ] || fail "command lines over 100 columns: $long"
	run leftovers
	assert_output ""
}

@test "demo: stopped halfway, it still cleans up" {
	require_root
	[ -x "$NSU_BUILDDIR/cgctl/cgctl" ] && [ -x "$NSU_BUILDDIR/netnsctl/netnsctl" ] || skip "needs every tool built"
	NSU_DEMO_TAG=$P NSU_DEMO_PREFIX=$P sh "$NSU_SRCDIR/demo/demo.sh" "$NSU_BUILDDIR" >"$BATS_TEST_TMPDIR/out" 2>&1 3>&- &
	local pid=$! i
	# Stop it once the container runs (step 3), when the most is set up.
	for i in $(seq 1 100); do
		grep -q "inside: PID 1" "$BATS_TEST_TMPDIR/out" && break
		sleep 0.1
	done
	kill -TERM "$pid"
	wait "$pid" || true
	run leftovers
	assert_output ""
}

# bats test_tags=unpriv
@test "demo: as an ordinary user it runs the user-namespace parts and says what needs root" {
	require_unpriv
	require_userns
	# Not through "run": a process the demo left behind would hold bats' pipe
	# and stall the test until it ends, instead of being found.
	local rc=0
	NSU_DEMO_TAG=$P sh "$NSU_SRCDIR/demo/demo.sh" "$NSU_BUILDDIR" >"$BATS_TEST_TMPDIR/out" 2>&1 3>&- || rc=$?
	run leftovers
	assert_output ""
	run cat "$BATS_TEST_TMPDIR/out"
	[ "$rc" -eq 0 ] || fail "demo.sh exited $rc: $output"
	assert_line --partial "need root"
	assert_line --partial "inside: PID 1, hostname box"
}
