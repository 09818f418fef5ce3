#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# Many at once: parallel cgctl creates, deletes and execs of one group, of
# siblings under a new parent and into a fresh v1 cpuset group; parallel
# netnsctl adds and deletes of one name, and netnsctl against iproute2's own
# add. Each round is bounded; the rounds repeat enough to catch the races
# seen before (a loser of a create told to "complete" or delete the group the
# winner was making).

load helpers

CGCTL="$NSU_BUILDDIR/cgctl/cgctl"
NETNSCTL="$NSU_BUILDDIR/netnsctl/netnsctl"

setup() {
	require_root
	TMP=$(mktemp -d /tmp/nsutils-test-conc.XXXXXX)
	PIDS=()
	N=$(nsu_name p)
	ROUNDS=20
	[ "$NSU_LANE" = vm ] && ROUNDS=5
	true
}

teardown() {
	stop_bg
	remove_named "$N"
	remove_tmp
}

# Run COMMAND... 8 times at once; STATUSES gets their exit statuses (sorted,
# one line), $TMP/err.* their stderr.
eight() {
	local j pids=() st
	rm -f "$TMP"/err.*
	for j in 1 2 3 4 5 6 7 8; do
		"$@" >/dev/null 2>"$TMP/err.$j" 3>&- &
		pids+=($!)
	done
	STATUSES=
	for j in "${pids[@]}"; do
		st=0
		wait "$j" || st=$?
		STATUSES+="$st "
	done
	STATUSES=$(tr ' ' '\n' <<<"$STATUSES" | grep . | sort | tr '\n' ' ')
}

# Each of the 7 losers of eight() said MESSAGE, and nothing else.
losers_said() { # ROUND MESSAGE
	local line
	[ "$STATUSES" = "0 1 1 1 1 1 1 1 " ] || fail "round $1: statuses $STATUSES: $(cat "$TMP"/err.*)"
	while IFS= read -r line; do
		[ "$line" = "$2" ] || fail "round $1: $line"
	done < <(cat "$TMP"/err.*)
}

# bats test_tags=cgroup-layout
@test "concurrency: 8 creates of one group: one makes it, 7 say it exists" {
	local i
	for i in $(seq 1 "$ROUNDS"); do
		eight "$CGCTL" create "$N"
		losers_said "$i" "cgctl: cannot create group '$N': File exists"
		run "$CGCTL" delete "$N"
		assert_success
	done
}

# bats test_tags=cgroup-layout
@test "concurrency: 8 deletes of one group: one deletes it, 7 find no group" {
	local i
	for i in $(seq 1 "$ROUNDS"); do
		"$CGCTL" create "$N"
		eight "$CGCTL" delete "$N"
		losers_said "$i" "cgctl: $N: no such group"
		[ -z "$(find /sys/fs/cgroup -maxdepth 2 -name "$N")" ] || fail "round $i: left"
	done
}

# bats test_tags=cgroup-layout
@test "concurrency: 8 creates of siblings under a new parent all succeed" {
	local i j
	for i in $(seq 1 "$ROUNDS"); do
		rm -f "$TMP"/err.*
		for j in 1 2 3 4 5 6 7 8; do
			"$CGCTL" create -p "$N/s$j" 2>"$TMP/err.$j" 3>&- &
			PIDS+=($!)
		done
		for j in "${PIDS[@]}"; do
			wait "$j" || fail "round $i: $(cat "$TMP"/err.*)"
		done
		PIDS=()
		run "$CGCTL" list "$N"
		for j in 1 2 3 4 5 6 7 8; do
			assert_line --partial "s$j"
		done
		run "$CGCTL" delete -r "$N"
		assert_success
	done
}

# bats test_tags=cgroup-layout
@test "concurrency: 8 execs into one fresh v1 cpuset group all run with the parent's CPUs" {
	[ -f /sys/fs/cgroup/cpuset/cpuset.cpus ] || skip "no v1 cpuset hierarchy"
	local i want
	want=$(cat /sys/fs/cgroup/cpuset/cpuset.cpus)
	for i in $(seq 1 "$ROUNDS"); do
		eight "$CGCTL" exec -c cpuset "$N/c$i" -- sh -c 'grep -q . /proc/self/cpuset'
		[ "$STATUSES" = "0 0 0 0 0 0 0 0 " ] || fail "round $i: statuses $STATUSES: $(cat "$TMP"/err.*)"
		[ "$(cat /sys/fs/cgroup/cpuset/"$N/c$i"/cpuset.cpus)" = "$want" ] || fail "round $i: cpuset.cpus not copied"
	done
}

# bats test_tags=cgroup-layout
@test "concurrency: 8 exec --rm into one new nested group, 40 rounds: each its own status, nothing left" {
	local i j st fails=0 pids rounds=40
	# (under the VM lane's emulation a round takes 0.8 s)
	[ "$NSU_LANE" = vm ] && rounds=10
	rm -f "$TMP/err"
	for i in $(seq 1 "$rounds"); do
		pids=()
		for j in 1 2 3 4 5 6 7 8; do
			"$CGCTL" exec --rm "$N/job" -- sh -c "exit $j" >>"$TMP/err" 2>&1 3>&- &
			pids+=($!)
		done
		for j in 1 2 3 4 5 6 7 8; do
			st=0
			wait "${pids[$((j - 1))]}" || st=$?
			[ "$st" -eq "$j" ] || fails=$((fails + 1))
		done
	done
	[ "$fails" -eq 0 ] || fail "$fails of $((rounds * 8)) ended otherwise than their program: $(sort "$TMP/err" | uniq -c | head -5)"
	[ -z "$(find /sys/fs/cgroup -maxdepth 3 -name "$N*")" ] || fail "left $(find /sys/fs/cgroup -maxdepth 3 -name "$N*")"
}

@test "concurrency: 16 adds of one network namespace name, again and again: one wins, one mount" {
	local i j ok
	for i in $(seq 1 "$ROUNDS"); do
		ok=0
		for j in $(seq 1 16); do
			"$NETNSCTL" add "$N" 2>"$TMP/err.$j" 3>&- &
			PIDS+=($!)
		done
		for j in "${PIDS[@]}"; do
			wait "$j" && ok=$((ok + 1))
		done
		PIDS=()
		[ "$ok" -eq 1 ] || fail "round $i: $ok adds succeeded"
		[ "$(grep -c " /run/netns/$N " /proc/self/mountinfo)" -eq 1 ] || fail "round $i: not one mount"
		"$NETNSCTL" delete "$N"
	done
}

@test "concurrency: 8 deletes of one name: one removes it, 7 find none, nothing is left" {
	local i
	for i in $(seq 1 "$ROUNDS"); do
		"$NETNSCTL" add "$N"
		eight "$NETNSCTL" delete "$N"
		losers_said "$i" "netnsctl: cannot remove namespace file \"/var/run/netns/$N\": No such file or directory"
		[ ! -e "/run/netns/$N" ] || fail "round $i: left"
		! grep -q " /run/netns/$N " /proc/self/mountinfo || fail "round $i: a mount left"
	done
}

@test "concurrency: netnsctl add against ip netns add of the same name: one wins, it works" {
	require_cmd ip
	local i st1 st2
	for i in $(seq 1 "$ROUNDS"); do
		"$NETNSCTL" add "$N" 2>"$TMP/err.1" 3>&- &
		PIDS+=($!)
		ip netns add "$N" 2>"$TMP/err.2" 3>&- &
		PIDS+=($!)
		st1=0 st2=0
		wait "${PIDS[0]}" || st1=$?
		wait "${PIDS[1]}" || st2=$?
		PIDS=()
		[ $((st1 + st2)) -eq 1 ] || [ "$st1$st2" = 0255 ] || [ "$st1$st2" = 2550 ] ||
			fail "round $i: statuses $st1 $st2: $(cat "$TMP"/err.*)"
		grep -q "File exists" "$TMP"/err.* || fail "round $i: the loser did not say so"
		[ "$(grep -c " /run/netns/$N " /proc/self/mountinfo)" -eq 1 ] || fail "round $i: not one mount"
		run "$NETNSCTL" exec "$N" true
		assert_success
		"$NETNSCTL" delete "$N"
	done
}
