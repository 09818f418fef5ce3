#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# cgctl against the kernel, on whatever layout this machine has: the host lane
# runs it on hybrid cgroups, the VM lane on pure cgroup v2. The kernel is the
# oracle: the native files written, /proc/PID/cgroup, an OOM kill under
# memory.max, a fork burst stopped by pids.max, Cpus_allowed_list under
# cpuset.cpus, frozen state, empty groups after kill. Only nsutils-test-*
# groups are made, and teardown removes them from every hierarchy.

load helpers
load cgctl

# The cgroup layout decides what every test here does: the VM lanes run them
# all (tests/vm.lane).
# bats file_tags=cgroup-layout

@test "cgctl: controllers names the layout found in the mount table" {
	require_root
	run "$CGCTL" controllers
	assert_success
	if [ -n "$V2" ]; then
		assert_line --regexp '^unified +2 +/sys/fs/cgroup +'
	elif grep -q ' - cgroup2 ' /proc/self/mountinfo; then
		assert_line --regexp '^hybrid +1 +/sys/fs/cgroup/memory +memory$'
		assert_line --regexp '^hybrid +2 +'
	else
		assert_line --regexp '^legacy +1 '
	fi
	run "$CGCTL" -J controllers
	assert_success
	assert_output --partial '"hierarchies": ['
}

@test "cgctl: create with settings writes the native files; get reads them back in v2 form" {
	require_root
	run "$CGCTL" create "$G" memory.max=64M pids.max=5 cpu.max=50% cpu.weight=200
	assert_success
	assert_output ""
	[ "$(cat "$(native memory.max memory memory.limit_in_bytes)")" = 67108864 ]
	[ "$(cat "$(native pids.max pids pids.max)")" = 5 ]
	if [ -n "$V2" ]; then
		[ "$(cat "/sys/fs/cgroup/$G/cpu.max")" = "50000 100000" ]
		[ "$(cat "/sys/fs/cgroup/$G/cpu.weight")" = 200 ]
	else
		[ "$(cat "/sys/fs/cgroup/cpu/$G/cpu.cfs_quota_us")" = 50000 ]
		[ "$(cat "/sys/fs/cgroup/cpu/$G/cpu.cfs_period_us")" = 100000 ]
		[ "$(cat "/sys/fs/cgroup/cpu/$G/cpu.shares")" = 2048 ]
	fi
	run "$CGCTL" get "$G" memory.max pids.max cpu.max cpu.weight
	assert_success
	assert_output "$(printf '%s\n' 67108864 5 "50000 100000" 200)"
	run "$CGCTL" set "$G" memory.max=max cpu.max=max pids.max=max
	assert_success
	run "$CGCTL" get "$G" memory.max cpu.max pids.max
	assert_output "$(printf '%s\n' max "max 100000" max)"
	run "$CGCTL" -J get "$G" pids.max
	assert_output --partial '"pids.max": "max"'
	run "$CGCTL" get "$G"
	assert_success
	assert_line --regexp '^pids.max +max +'
}

@test "cgctl: cpu.weight maps to cpu.shares within the kernel's range on v1" {
	require_root
	[ -z "$V2" ] || skip "v1 translation (this machine is pure v2)"
	"$CGCTL" create -c cpu "$G" cpu.weight=1
	[ "$(cat "/sys/fs/cgroup/cpu/$G/cpu.shares")" = 10 ]
	"$CGCTL" set "$G" cpu.weight=10000
	[ "$(cat "/sys/fs/cgroup/cpu/$G/cpu.shares")" = 102400 ]
	run "$CGCTL" get "$G" cpu.weight
	assert_output 10000
	# what set wrote, get gives back (33 was 337 shares, read back as 32)
	"$CGCTL" set "$G" cpu.weight=33
	run "$CGCTL" get "$G" cpu.weight
	assert_output 33
	run "$CGCTL" set "$G" memory.swap.max=0
	assert_failure 1
	assert_output --regexp "^cgctl: memory.swap.max is cgroup v2 only, and this (hybrid|legacy) layout has the memory controller in a cgroup v1 hierarchy \(memory\): cgroup v1 limits memory and swap together: use memory.memsw.limit_in_bytes\$"
}

@test "cgctl: bad values are refused before anything is made" {
	require_root
	local bad
	for bad in memory.max=lots memory.max=-1 cpu.max=0% cpu.max=500 "cpu.max=1000 10" cpu.weight=0 \
		cpu.weight=10001 pids.max=x cpuset.cpus=a-b io.weight=0 =5 nokey; do
		run "$CGCTL" create "$G" "$bad"
		assert_failure 1
		assert_output --regexp "^cgctl: (invalid value|invalid setting)"
		[ -z "$(group_dirs)" ] || fail "$bad left $(group_dirs)"
	done
}

@test "cgctl: a create the kernel refuses halfway leaves no group behind" {
	require_root
	# Valid syntax, but the kernel says EINVAL after the group was made.
	local bad
	bad=$(refused_setting)
	run "$CGCTL" create "$G" pids.max=5 "$bad"
	assert_failure 1
	assert_output --partial "cgctl: $G: cannot set ${bad%%=*} to ${bad#*=}"
	[ -z "$(group_dirs)" ] || fail "left $(group_dirs)"
	# No such CPU: known before anything is made.
	run "$CGCTL" create "$G" pids.max=5 cpuset.cpus=4095
	assert_failure 1
	assert_output --regexp "^cgctl: invalid value '4095' for cpuset.cpus: not within the parent's cpuset.cpus(.effective)? \("
	[ -z "$(group_dirs)" ] || fail "left $(group_dirs)"
	run "$CGCTL" create "$G/a/b"
	assert_failure 1
	assert_output --partial "its parent '$G' does not exist"
	run "$CGCTL" create -p "$G/a/b" pids.max=3
	assert_success
	[ "$("$CGCTL" get "$G/a/b" pids.max)" = 3 ]
	run "$CGCTL" create "$G/a/b"
	assert_failure 1
	assert_output --partial "File exists"
}

@test "cgctl: groups cannot leave their hierarchy" {
	require_root
	local bad
	for bad in .. ../x "$G/../.." "/$G/./x"; do
		run "$CGCTL" create "$bad"
		assert_failure 1
		assert_output "cgctl: invalid group '$bad': '.' and '..' would leave the hierarchy"
	done
	run "$CGCTL" get nsutils-test-no-such-group pids.max
	assert_failure 1
	assert_output --partial "no such group"
	run "$CGCTL" delete /
	assert_failure 1
}

@test "cgctl: attach moves a process into every hierarchy of the group" {
	require_root
	"$CGCTL" create "$G"
	start_bg sleep 300
	run "$CGCTL" attach "$G" "$TARGET"
	assert_success
	run grep -c ":/$G\$" /proc/"$TARGET"/cgroup
	[ "$output" -eq "$(group_dirs | wc -l)" ] || fail "$(cat /proc/"$TARGET"/cgroup)"
	run "$CGCTL" which "$TARGET"
	assert_line --regexp "/$G( |$)"
	run "$CGCTL" attach "$G" 2147483647
	assert_failure 1
	assert_output --partial "cannot move process 2147483647 into '$G'"
	run "$CGCTL" attach "$G" 12x
	assert_failure 1
}

@test "cgctl: exec runs the program in the group and passes its status through" {
	require_root
	run "$CGCTL" exec "$G" -- cat /proc/self/cgroup
	assert_success
	assert_line --regexp ":/$G$"
	# In the group in every hierarchy (named ones like name=systemd are not ours).
	local outside
	outside=$(grep -Ev "^[0-9]+:name=|:/$G\$" <<<"$output" || true)
	[ -z "$outside" ] || fail "exec left the program outside $G in: $outside"
	run "$CGCTL" exec "$G" -- sh -c 'exit 3'
	assert_failure 3
	run "$CGCTL" exec "$G" -- sh -c 'kill -TERM $$'
	assert_failure 143
	run -127 "$CGCTL" exec "$G" -- nsutils-test-no-such-program
	"$CGCTL" delete "$G"
	run "$CGCTL" exec --rm --stats "$G" -- true
	assert_success
	assert_output --regexp "^cgctl: $G: wall [0-9.]+s, cpu [0-9.]+s \(user [0-9.]+s, system [0-9.]+s\), peak memory [0-9.]+[BKMG], oom kills 0$"
	[ -z "$(group_dirs)" ] || fail "--rm left $(group_dirs)"	# in a group that was there, the peak is the group's since it was made, and said so
	"$CGCTL" create "$G"
	run "$CGCTL" exec --stats "$G" -- true
	assert_success
	assert_output --regexp "^cgctl: $G: wall [0-9.]+s, cpu [0-9.]+s \(user [0-9.]+s, system [0-9.]+s\), group peak memory [0-9.]+[BKMG], oom kills 0$"
}

@test "cgctl: a memory hog is OOM-killed under memory.max, and cgctl says so" {
	require_root
	require_cmd python3
	local extra=()
	if [ -n "$V2" ]; then
		extra=(-s memory.swap.max=0)
	fi
	run "$CGCTL" exec --stats -s memory.max=32M "${extra[@]}" "$G" -- python3 -c "s = b'x' * (256 << 20)"
	assert_failure 137
	assert_output --partial "cgctl: $G: python3 was killed by the OOM killer"
	run "$CGCTL" stat "$G"
	assert_line --regexp '^oom_kills +1$'
	# v1 has a group wait on an OOM (under_oom); v2 kills, and stat has no such row there
	if [ -n "$V2" ]; then refute_line --partial under_oom; else assert_line --regexp '^under_oom +no$'; fi
}

@test "cgctl: a fork burst is stopped by pids.max" {
	require_root
	run "$CGCTL" exec -s pids.max=3 "$G" -- sh -c 'for i in 1 2 3 4 5 6; do sleep 2 & done; wait'
	assert_failure
	assert_output --regexp "[Cc]an(no|.)t fork|Resource temporarily unavailable"
	[ "$(cat "$(native pids.events pids pids.events)" | awk '/^max/ {print $2}')" -gt 0 ]
	# stat says how many forks pids.max refused (pids.events max)
	run "$CGCTL" stat "$G"
	assert_line --regexp '^pids.max_hits +[1-9][0-9]*$'
	run "$CGCTL" -J stat "$G"
	assert_output --regexp '"pids.max_hits": [1-9]'
}

@test "cgctl: cpuset.cpus shows in Cpus_allowed_list (the seeds' cpuset recipe)" {
	require_root
	run "$CGCTL" create -c cpuset "$G" cpuset.cpus=0 cpuset.mems=0
	assert_success
	run "$CGCTL" exec "$G" -- grep Cpus_allowed_list /proc/self/status
	assert_success
	assert_output --regexp "^Cpus_allowed_list:[[:space:]]+0$"
}

@test "cgctl: freeze and thaw" {
	require_no_coverage
	require_root
	"$CGCTL" create "$G"
	start_bg "$CGCTL" exec "$G" -- sleep 300
	run "$CGCTL" freeze "$G"
	assert_success
	if [ -n "$V2" ] || [ ! -d /sys/fs/cgroup/freezer ]; then
		grep -qx 'frozen 1' "/sys/fs/cgroup/unified/$G/cgroup.events" 2>/dev/null ||
			grep -qx 'frozen 1' "/sys/fs/cgroup/$G/cgroup.events"
	else
		grep -q 'frozen 1' "/sys/fs/cgroup/unified/$G/cgroup.events" 2>/dev/null ||
			[ "$(cat "/sys/fs/cgroup/freezer/$G/freezer.state")" = FROZEN ]
	fi
	run "$CGCTL" thaw "$G"
	assert_success
	run "$CGCTL" kill "$G"
	assert_success
}

@test "cgctl: kill empties the group; delete refuses a busy group, --kill and --recursive" {
	require_root
	"$CGCTL" create -p "$G/child"
	start_bg "$CGCTL" exec "$G" -- sleep 300
	start_bg "$CGCTL" exec "$G/child" -- sleep 300
	sleep 0.2
	run "$CGCTL" delete "$G/child"
	assert_failure 1
	assert_output --partial "cannot delete group '$G/child': it has 1 process"
	assert_output --partial "hint: --kill kills them first"
	run "$CGCTL" delete "$G"
	assert_failure 1
	run "$CGCTL" kill -s TERM "$G/child"
	assert_success
	run "$CGCTL" delete -k "$G/child"
	assert_success
	"$CGCTL" create "$G/child2"
	run "$CGCTL" kill "$G"
	assert_success
	[ "$(cat "$(native cgroup.procs pids cgroup.procs)")" = "" ]
	run "$CGCTL" delete "$G"
	assert_failure 1
	assert_output --partial "it has child groups (--recursive deletes them)"
	run "$CGCTL" delete -r "$G"
	assert_success
	[ -z "$(group_dirs)" ] || fail "left $(group_dirs)"
}

@test "cgctl: list shows the tree with process counts; stat and which" {
	require_root
	# On v2 memory.current and pids.current exist once those controllers are enabled.
	"$CGCTL" create -p -c memory,pids "$G/a"
	"$CGCTL" create -p -c memory,pids "$G/b"
	start_bg "$CGCTL" exec "$G/a" -- sleep 300
	sleep 0.2
	LC_ALL=C run "$CGCTL" list "$G"
	assert_success
	assert_line --regexp "^$G +0 "
	assert_line --regexp '^\|-a +1 '
	assert_line --regexp '^`-b +0 '
	run "$CGCTL" -J list "$G"
	assert_line --partial '"procs": 1'
	run "$CGCTL" stat "$G/a"
	assert_success
	assert_line --regexp '^memory.current +[0-9.]+[BKMG]$'
	assert_line --regexp '^pids.current +1$'
	run "$CGCTL" which "$TARGET"
	assert_line --regexp "/$G/a( |$)"
	run "$CGCTL" which 2147483647
	assert_failure 1
}

@test "cgctl: monitor reports populated and oom_kill as they happen" {
	require_root
	require_cmd python3
	"$CGCTL" create "$G"
	"$CGCTL" monitor "$G" >"$TMP/mon" 2>&1 3>&- &
	PIDS+=($!)
	monitor_ready "${PIDS[-1]}"
	# The program stays until the monitor has said "populated 1" (bounded,
	# 20 s): cgroup.events holds a state, not a count, and a monitor woken
	# late on a busy machine would find the group already empty again.
	"$CGCTL" exec "$G" -- sh -c 'for i in $(seq 1 200); do grep -q "populated 1" "$1" && exit 0; sleep 0.1; done' sh "$TMP/mon"
	local i
	for i in $(seq 1 200); do
		grep -q 'populated 0' "$TMP/mon" && break
		sleep 0.1
	done
	run cat "$TMP/mon"
	# each line stamped with the time in ISO 8601, as ip monitor -t stamps its own
	local iso='[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}[+-][0-9]{2}:[0-9]{2}'
	assert_line --regexp "^$iso populated 1\$"
	assert_line --regexp "^$iso populated 0\$"
	"$CGCTL" -J monitor "$G" >"$TMP/monj" 2>&1 3>&- &
	PIDS+=($!)
	monitor_ready "${PIDS[-1]}"
	local extra=()
	[ -z "$V2" ] || extra=(-s memory.swap.max=0)
	"$CGCTL" exec -s memory.max=32M "${extra[@]}" "$G" -- python3 -c "s = b'x' * (256 << 20)" 2>/dev/null || true
	for i in $(seq 1 200); do
		grep -q oom_kill "$TMP/monj" && break
		sleep 0.1
	done
	run cat "$TMP/monj"
	assert_line --regexp "^\\{\"time\":\"$iso\",\"event\":\"oom_kill\",\"value\":1\\}\$"
	while read -r line; do
		/usr/bin/python3 -c 'import json, sys; json.loads(sys.argv[1])' "$line" || fail "not JSON: $line"
	done <"$TMP/monj"
	ends_on_term "${PIDS[-2]}" monitor
	ends_on_term "${PIDS[-1]}" "monitor -J"
}

@test "cgctl: --owner delegates: the user makes subgroups and moves its own processes, not the limits" {
	require_root
	"$CGCTL" create --owner 65534:65534 "$G" pids.max=50
	start_bg "$CGCTL" exec "$G" -- setpriv --reuid=65534 --regid=65534 --clear-groups sleep 300
	local d
	for d in $(group_dirs); do
		[ "$(stat -c %u "$d")" = 65534 ] || fail "$d not delegated"
		[ "$(stat -c %u "$d/cgroup.procs")" = 65534 ] || fail "$d/cgroup.procs not delegated"
	done
	[ "$(stat -c %u "$(native pids.max pids pids.max)")" = 0 ] || fail "a limit was handed over"
	run setpriv --reuid=65534 --regid=65534 --clear-groups "$CGCTL" create "$G/mine"
	assert_success
	run setpriv --reuid=65534 --regid=65534 --clear-groups "$CGCTL" attach "$G/mine" "$TARGET"
	assert_success
	grep -q ":/$G/mine$" /proc/"$TARGET"/cgroup
	run setpriv --reuid=65534 --regid=65534 --clear-groups "$CGCTL" set "$G" pids.max=max
	assert_failure 1
	assert_output --partial "Permission denied"
}

@test "cgctl: --root, unknown commands and verb help" {
	require_root
	run "$CGCTL" --root "$TMP" controllers
	assert_failure 1
	assert_output "cgctl: no cgroup hierarchy found in $TMP"
	run "$CGCTL" --root /sys/fs/cgroup controllers
	assert_success
	run "$CGCTL" frobnicate
	assert_failure 1
	assert_line --index 0 "cgctl: unknown command 'frobnicate'"
	run "$CGCTL" exec --help
	assert_success
	assert_line --index 1 --partial " cgctl exec "
	run "$CGCTL" exec "$G"
	assert_failure 1
	assert_line --index 0 --partial "a program is required"
}

@test "cgctl: v2's no-internal-process rule is explained in words" {
	require_root
	local v2dir ctl
	v2dir=$(awk '$9 == "cgroup2" { print $5; exit }' /proc/self/mountinfo)
	[ -n "$v2dir" ] || skip "no cgroup v2 hierarchy"
	# A domain controller: threaded ones (cpu, cpuset, pids) let a group become a
	# thread root, which the rule exempts. Only where the root already hands it
	# down: the machine's root group is not ours to change (the VM's is).
	if [ -n "$V2" ] && [ "$NSU_LANE" = vm ]; then
		ctl=$(tr ' ' '\n' <"$v2dir/cgroup.controllers" | grep -xE 'memory|io|hugetlb|rdma|misc' | head -1)
	else
		ctl=$(tr ' ' '\n' <"$v2dir/cgroup.subtree_control" | grep -xE 'memory|io|hugetlb|rdma|misc' | head -1)
	fi
	[ -n "$ctl" ] || skip "no cgroup v2 controller we may enable here"
	"$CGCTL" create -p -c "$ctl" "$G/child"
	run "$CGCTL" exec "$G" -- true
	assert_failure 1
	assert_output --partial "cgroup v2 allows processes only in groups that do not (no internal processes)"
	start_bg "$CGCTL" exec "$G/child" -- sleep 300
	run "$CGCTL" create -c "$ctl" "$G/child/grandchild"
	assert_failure 1
	assert_output --partial "it has processes of its own, and cgroup v2 gives controllers only to groups without them"
	[ ! -d "$v2dir/$G/child/grandchild" ] || fail "half-made group left"
}

# bats test_tags=unpriv
@test "cgctl: an unprivileged create fails with one error line and a hint, and leaves nothing" {
	require_unpriv
	run "$CGCTL" create "$G"
	assert_failure 1
	assert_line --index 0 --regexp "^cgctl: cannot create group '$G' in /sys/fs/cgroup[^:]*: (Permission denied|Read-only file system)$"
	# the way out: a group delegated by root
	if [[ ${lines[0]} == *"Permission denied" ]]; then
		assert_line --index 1 "hint: a user creates groups below one delegated to it: as root, cgctl create --owner USER GROUP"
	fi
	[ "${#lines[@]}" -le 2 ] || fail "more than an error and a hint: $output"
	[ -z "$(group_dirs)" ] || fail "left $(group_dirs)"
	run "$CGCTL" controllers
	assert_success
}

@test "cgctl: exec --rm never kills or removes a group it did not make" {
	require_root
	"$CGCTL" create "$G"
	start_bg "$CGCTL" exec "$G" -- sleep 300
	run "$CGCTL" exec --rm "$G" -- true
	assert_success
	kill -0 "$TARGET" || fail "exec --rm killed a process it did not start"
	[ -n "$(group_dirs)" ] || fail "exec --rm removed a group it did not make"
	# the groups it makes, parents included, go once they are empty
	run "$CGCTL" exec --rm "$G/a/b" -- true
	assert_success
	[ ! -d "$(native cgroup.procs pids cgroup.procs | sed 's|/cgroup.procs||')/a" ] || fail "exec --rm left $G/a"
}

@test "cgctl: exec --rm removes, in each hierarchy, only the directories it made there" {
	require_root
	require_hybrid
	require_cmd cgcreate cgset
	local k
	# made by cgroup-tools in memory only, with a limit: exec --rm makes pids:/G (and
	# the v2 one) and removes those, never memory:/G
	for k in "-c pids" "-s pids.max=10"; do
		cgcreate -g memory:/"$G"
		cgset -r memory.limit_in_bytes=64M "$G"
		# shellcheck disable=SC2086
		run "$CGCTL" exec --rm $k "$G" -- true
		assert_success
		[ -d /sys/fs/cgroup/memory/"$G" ] || fail "exec --rm $k removed memory:/$G, which it did not make"
		[ "$(cat /sys/fs/cgroup/memory/"$G"/memory.limit_in_bytes)" = 67108864 ] || fail "the limit went"
		[ ! -d /sys/fs/cgroup/pids/"$G" ] || fail "exec --rm $k left pids:/$G, which it made"
		[ ! -d /sys/fs/cgroup/unified/"$G" ] || fail "exec --rm $k left unified:/$G, which it made"
		rmdir /sys/fs/cgroup/memory/"$G"
	done
	# the reverse: a group made by create in memory, where exec --rm adds pids:/G
	"$CGCTL" create -c memory "$G"
	run "$CGCTL" exec --rm -s pids.max=10 "$G" -- true
	assert_success
	[ ! -d /sys/fs/cgroup/pids/"$G" ] || fail "exec --rm left pids:/$G, which it made"
	[ -d /sys/fs/cgroup/memory/"$G" ] || fail "exec --rm removed memory:/$G, which create made"
}

@test "cgctl: exec --rm puts back what it set on a group that was there before" {
	require_root
	local f
	f=$(native pids.max pids pids.max)
	"$CGCTL" create "$G" pids.max=50
	run "$CGCTL" exec --rm -s pids.max=3 "$G" -- cat "$f"
	assert_success
	assert_output 3
	[ "$(cat "$f")" = 50 ] || fail "exec --rm left pids.max=$(cat "$f") on a group it did not make"
	# in place (no --rm) a setting is the group's from then on, as with set
	run "$CGCTL" exec -s pids.max=7 "$G" -- true
	assert_success
	[ "$(cat "$f")" = 7 ]
}

@test "cgctl: exec --rm on v2 takes back the controllers it enabled for the groups it made" {
	require_root
	[ -n "$V2" ] || skip "pure cgroup v2 (the VM lane): the hybrid host's v2 hierarchy has no controllers"
	local before
	mkdir /sys/fs/cgroup/"$G"
	before=$(cat /sys/fs/cgroup/"$G"/cgroup.subtree_control)
	run "$CGCTL" exec --rm -s memory.max=64M "$G/job" -- cat /sys/fs/cgroup/"$G"/job/memory.max
	assert_success
	assert_output 67108864
	[ ! -d /sys/fs/cgroup/"$G"/job ] || fail "exec --rm left $G/job"
	[ "$(cat /sys/fs/cgroup/"$G"/cgroup.subtree_control)" = "$before" ] ||
		fail "exec --rm left '$(cat /sys/fs/cgroup/"$G"/cgroup.subtree_control)' enabled in $G"
	no_enabled_note() {
		/usr/bin/python3 -c 'import os, sys
sys.exit("user.nsutils.exec-rm-enabled" in os.listxattr(sys.argv[1]))' /sys/fs/cgroup/"$G" ||
			fail "$G keeps exec --rm's note of what it enabled"
	}
	no_enabled_note
	# a program that cannot start: what was enabled for it goes at once, and so does the note
	run "$CGCTL" exec --rm -s memory.max=64M "$G/job" -- /nonexistent/nsutils-test
	assert_failure 127
	[ "$(cat /sys/fs/cgroup/"$G"/cgroup.subtree_control)" = "$before" ] || fail "a failed exec left it enabled"
	no_enabled_note
	# so the group it did not make can hold processes again
	run "$CGCTL" exec "$G" -- true
	assert_success
}

@test "cgctl: a delegated user's attach that v2 refuses moves the process nowhere" {
	require_root
	require_hybrid
	local before
	"$CGCTL" create -p --owner 65534:65534 "$G/alice"
	# a process of the user outside the delegated group: v2 refuses to move it
	# (the common-ancestor rule), and v1 would not let it back
	start_bg setpriv --reuid=65534 --regid=65534 --clear-groups sleep 300
	before=$(cat /proc/"$TARGET"/cgroup)
	run setpriv --reuid=65534 --regid=65534 --clear-groups "$CGCTL" attach "$G/alice" "$TARGET"
	assert_failure 1
	assert_output --partial "cannot move process $TARGET into '$G/alice'"
	[ "$(cat /proc/"$TARGET"/cgroup)" = "$before" ] || fail "left split: $(diff <(echo "$before") /proc/"$TARGET"/cgroup)"
}

@test "cgctl: a delegated user's exec from outside the group says the way in, and moves nothing back it never moved" {
	require_root
	"$CGCTL" create -p --owner 65534:65534 "$G/alice"
	# the user's process is outside the delegated group: v2 refuses the move (the common-ancestor rule)
	run setpriv --reuid=65534 --regid=65534 --clear-groups "$CGCTL" exec "$G/alice/job" -- true
	if pure_v1; then
		# v1 has no such rule: a user may move its own process into a group it owns
		assert_success
		return
	fi
	assert_failure 1
	assert_line --index 0 --regexp "^cgctl: cannot join group '$G/alice/job' in /sys/fs/cgroup[^:]*: Permission denied\$"
	assert_line --index 1 --partial "hint: cgroup v2 moves a process only below a group it may write to"
	refute_output --partial "could not be moved back"
	[ ! -d "/sys/fs/cgroup/$G/alice/job" ] && [ ! -d "/sys/fs/cgroup/unified/$G/alice/job" ] || fail "job left"
}

@test "cgctl: exec: after GROUP the program's arguments are its own, and a program is no group" {
	require_root
	run "$CGCTL" exec --rm "$G" echo --root /tmp -J hi
	assert_success
	assert_output "--root /tmp -J hi"
	[ -z "$(group_dirs)" ] || fail "left $(group_dirs)"
	# without GROUP, "exec -- true" made a group named true
	run "$CGCTL" exec -- "$G"
	assert_failure 1
	assert_line --index 0 "cgctl: exec: expected GROUP before --"
	[ -z "$(group_dirs)" ] || fail "made $(group_dirs)"
}

@test "cgctl: exec --rm says when what the program left keeps the group" {
	require_root
	run --separate-stderr "$CGCTL" exec --rm "$G" -- sh -c 'sleep 300 >/dev/null 2>&1 & exit 3'
	assert_failure 3
	[ "$stderr" = "cgctl: exec --rm: group '$G' is left: 1 process the program did not take with it is still in it" ] ||
		fail "stderr: $stderr"
	[ -n "$(group_dirs)" ] || fail "the group went with a process in it"
	run "$CGCTL" delete --kill "$G"
	assert_success
}

@test "cgctl: set writes a write-only file (an action), with nothing to put back" {
	require_root
	local key file
	"$CGCTL" create "$G"
	if [ -n "$V2" ]; then
		key=cgroup.kill=1 file=/sys/fs/cgroup/$G/cgroup.kill
	else
		key=memory.force_empty=0 file=/sys/fs/cgroup/memory/$G/memory.force_empty
	fi
	[ -e "$file" ] || skip "no ${file##*/} here"
	run "$CGCTL" set "$G" "$key"
	assert_success
	assert_output ""
}

@test "cgctl: list -r has no tree (a group is its path), -n no header" {
	require_root
	"$CGCTL" create -p "$G/a/b"
	run "$CGCTL" list -r -o GROUP,PROCS "$G"
	assert_success
	assert_output "GROUP PROCS
$G 0
$G/a 0
$G/a/b 0"
	LC_ALL=C.UTF-8 run "$CGCTL" list -n -o GROUP "$G"
	assert_success
	assert_line --index 0 "$G"
	refute_output --partial GROUP
}

@test "cgctl: delete of a busy group hints --kill only where it can help" {
	require_root
	"$CGCTL" create "$G"
	start_bg "$CGCTL" exec "$G" -- sleep 300
	run setpriv --reuid=65534 --regid=65534 --clear-groups "$CGCTL" delete "$G"
	assert_failure 1
	assert_output "cgctl: cannot delete group '$G': it has 1 process
hint: deleting it needs root, or write access to '/'"
	run "$CGCTL" delete "$G"
	assert_failure 1
	assert_output "cgctl: cannot delete group '$G': it has 1 process
hint: --kill kills them first"
}

@test "cgctl: get -J gives each file one JSON type, whatever it holds today" {
	require_root
	local keys=(cgroup.procs)
	pure_v1 || keys+=(cgroup.controllers)
	[ -n "$V2" ] || keys+=(cpuset.cpus devices.list)
	"$CGCTL" create "$G"
	run "$CGCTL" -J get "$G" "${keys[@]}"
	assert_success
	/usr/bin/python3 -c 'import json, sys
g = json.loads(sys.argv[1])
ok = g["cgroup.procs"] == [] and ("cgroup.controllers" not in g or type(g["cgroup.controllers"]) is list)
ok = ok and ("cpuset.cpus" not in g or type(g["cpuset.cpus"]) is str)
ok = ok and ("devices.list" not in g or g["devices.list"] == ["a *:* rwm"])
sys.exit(0 if ok else 1)' "$output" || fail "empty group: $output"
	start_bg "$CGCTL" exec "$G" -- sleep 300
	run "$CGCTL" -J get "$G" cgroup.procs
	assert_success
	/usr/bin/python3 -c 'import json, sys
sys.exit(json.loads(sys.argv[1])["cgroup.procs"] != [int(sys.argv[2])])' "$output" "$TARGET" ||
		fail "one process: $output"
}

@test "cgctl: a set that fails puts cgroup.subtree_control back" {
	require_root
	[ -n "$V2" ] || skip "pure cgroup v2 (the VM lane): the hybrid host's v2 hierarchy has no controllers"
	local before
	# (pids enabled in the root for the group, so the group may give it on)
	"$CGCTL" create -c pids "$G"
	before=$(cat /sys/fs/cgroup/"$G"/cgroup.subtree_control)
	run "$CGCTL" set "$G" cgroup.subtree_control=+pids cgroup.max.depth=bogus
	assert_failure 1
	[ "$(cat /sys/fs/cgroup/"$G"/cgroup.subtree_control)" = "$before" ] ||
		fail "left '$(cat /sys/fs/cgroup/"$G"/cgroup.subtree_control)', was '$before'"
	refute_output --partial "could not put back"
}

@test "cgctl: kill and delete --kill of a frozen group work on every layout" {
	require_root
	require_no_coverage
	local verb
	for verb in kill "delete --kill"; do
		"$CGCTL" create "$G"
		start_bg "$CGCTL" exec "$G" -- sleep 300
		run "$CGCTL" freeze "$G"
		assert_success
		# shellcheck disable=SC2086
		run timeout 8 "$CGCTL" $verb "$G"
		assert_success
		# (dead: gone, or a zombie until this shell reaps it)
		case $(awk '/^State:/ {print $2}' /proc/"$TARGET"/status 2>/dev/null) in
		"" | Z | X) ;;
		*) fail "$verb left the frozen process alive" ;;
		esac
		[ "$verb" = kill ] && "$CGCTL" delete "$G"
		[ -z "$(group_dirs)" ] || fail "$verb left $(group_dirs)"
		PIDS=()
	done
}

@test "cgctl: kill refuses the root group and never signals PID 0" {
	require_root
	run "$CGCTL" kill -s TERM /
	assert_failure 1
	assert_output "cgctl: cannot signal the root group: it holds every process"
	# (v1 lists no process of another PID namespace, not even as 0: cgctl
	# sees an empty group there)
	pure_v1 && skip "pure v1 hides processes outside the PID namespace from cgroup.procs"
	"$CGCTL" create "$G"
	start_bg "$CGCTL" exec "$G" -- sleep 300
	# inside a new PID namespace the group's process shows as 0: kill(0) would hit our own shell
	run setsid -w "$UNSHARE" -pf --mount-proc sh -c "'$CGCTL' kill -s TERM '$G'; echo shell alive \$?"
	assert_line "shell alive 1"
	assert_line --partial "outside this PID namespace: out of reach from here"
	kill -0 "$TARGET" || fail "the process was signalled"
}

@test "cgctl: commands on a missing group say so and make nothing" {
	require_root
	local args
	while read -r args; do
		# shellcheck disable=SC2086
		run "$CGCTL" $args
		assert_failure 1
		assert_output --partial "$G: no such group"
		[ -z "$(group_dirs)" ] || fail "'$args' made $(group_dirs)"
	done <<LIST
set $G pids.max=10
get $G pids.max
get $G
attach $G $$
freeze $G
thaw $G
kill $G
kill -s TERM $G
stat $G
monitor $G
delete $G
list $G
LIST
}

@test "cgctl: on hybrid a group's processes are those of every hierarchy" {
	require_root
	require_hybrid
	"$CGCTL" create "$G"
	start_bg sleep 300
	# placed by hand in the pids hierarchy only
	echo "$TARGET" >/sys/fs/cgroup/pids/"$G"/cgroup.procs
	LC_ALL=C run "$CGCTL" list "$G"
	assert_line --regexp "^$G +1 "
	run "$CGCTL" delete "$G"
	assert_failure 1
	assert_output --partial "it has 1 process"
	# nothing was removed anywhere: the check comes before any rmdir
	[ "$(group_dirs | wc -l)" -eq "$(ls -d /sys/fs/cgroup/*/"$G" | wc -l)" ]
	[ -d /sys/fs/cgroup/unified/"$G" ] && [ -d /sys/fs/cgroup/memory/"$G" ] || fail "half-deleted"
	run "$CGCTL" kill "$G"
	assert_success
	! kill -0 "$TARGET" 2>/dev/null || fail "kill left the process in the pids hierarchy alive"
	run "$CGCTL" delete "$G"
	assert_success
	[ -z "$(group_dirs)" ] || fail "left $(group_dirs)"
}

@test "cgctl: attach that fails in one hierarchy moves the process back in all" {
	require_root
	require_hybrid
	[ -d /sys/fs/cgroup/cpuset ] || skip "no v1 cpuset hierarchy"
	"$CGCTL" create "$G"
	# an empty cpuset takes no process (ENOSPC)
	echo "" >/sys/fs/cgroup/cpuset/"$G"/cpuset.cpus
	start_bg sleep 300
	local before
	before=$(cat /proc/"$TARGET"/cgroup)
	run "$CGCTL" attach "$G" "$TARGET"
	assert_failure 1
	assert_output --partial "cannot move process $TARGET into '$G' (cpuset)"
	[ "$(cat /proc/"$TARGET"/cgroup)" = "$before" ] || fail "moved: $(cat /proc/"$TARGET"/cgroup)"
}

@test "cgctl: set with several keys writes all or none" {
	require_root
	"$CGCTL" create "$G" pids.max=20
	# the kernel refuses the second value: the first is put back
	local bad
	bad=$(refused_setting)
	run "$CGCTL" set "$G" pids.max=10 "$bad"
	assert_failure 1
	assert_output --partial "cannot set ${bad%%=*} to ${bad#*=}"
	run "$CGCTL" get "$G" pids.max
	assert_output "20"
	# a CPU the parent lacks is refused before any value is written
	run "$CGCTL" set "$G" pids.max=10 cpuset.cpus=4095
	assert_failure 1
	assert_output --partial "not within the parent's"
	run "$CGCTL" get "$G" pids.max
	assert_output "20"
}

@test "cgctl: freeze drives every freezer of the group; stat says whether it is frozen" {
	require_no_coverage
	require_root
	"$CGCTL" create "$G"
	start_bg "$CGCTL" exec "$G" -- sleep 300
	run "$CGCTL" freeze "$G"
	assert_success
	if [ -z "$V2" ] && [ -d /sys/fs/cgroup/freezer ]; then
		[ "$(cat /sys/fs/cgroup/freezer/"$G"/freezer.state)" = FROZEN ] || fail "v1 freezer not frozen"
	fi
	run "$CGCTL" stat "$G"
	assert_line --regexp '^frozen +yes$'
	run "$CGCTL" thaw "$G"
	assert_success
	run "$CGCTL" stat "$G"
	assert_line --regexp '^frozen +no$'
}

@test "cgctl: concurrent creates and execs into one new group all succeed" {
	require_root
	# rounds as many as the concurrency suite's (20 on the host): 100 took 139 s, 40% of the host lane
	local rounds=20 i j p fails=0 pids
	[ "$NSU_LANE" = vm ] && rounds=10
	# each PID waited for by name: "wait -n" loses a job that ended before it was called
	for i in $(seq 1 "$rounds"); do
		pids=()
		for j in 1 2 3 4 5 6 7 8; do
			"$CGCTL" create -p "$G/r$i/s$((j % 2))" >>"$TMP/err" 2>&1 &
			pids+=($!)
		done
		for j in 1 2 3 4 5 6 7 8; do
			"$CGCTL" exec "$G/x$i" -- true >>"$TMP/err" 2>&1 &
			pids+=($!)
		done
		for p in "${pids[@]}"; do
			wait "$p" || fails=$((fails + 1))
		done
	done
	[ "$fails" -eq 0 ] || fail "$fails of $((rounds * 16)) failed: $(sort "$TMP/err" | uniq -c | head -5)"
}

@test "cgctl: concurrent exec --rm on one group: each its own status, the last one out removes it" {
	require_root
	local i j fails=0 st
	for i in $(seq 1 10); do
		for j in 1 2 3 4 5 6 7 8; do
			"$CGCTL" exec --rm "$G" -- sh -c "sleep 0.0$j; exit $j" >>"$TMP/err" 2>&1 &
			eval "pid$j=\$!"
		done
		for j in 1 2 3 4 5 6 7 8; do
			st=0
			eval "wait \$pid$j" || st=$?
			[ "$st" -eq "$j" ] || fails=$((fails + 1))
		done
		[ -z "$(group_dirs)" ] || fail "round $i left $(group_dirs)"
	done
	[ "$fails" -eq 0 ] || fail "$fails wrong statuses: $(sort "$TMP/err" | uniq -c | head -5)"
	# one that leaves the group to another exec --rm in it says nothing
	[ ! -s "$TMP/err" ] || fail "said: $(sort "$TMP/err" | uniq -c | head -5)"
}

@test "cgctl: cpu.max values that overflow or carry trailing words are refused" {
	require_root
	local bad
	for bad in 184467440787.096% 184467440740% "50000 100000 junk" "1000 2000 3000" 17592186044416; do
		run "$CGCTL" create "$G" "cpu.max=$bad"
		assert_failure 1
		assert_output --partial "invalid value '$bad' for cpu.max"
		[ -z "$(group_dirs)" ] || fail "$bad left $(group_dirs)"
	done
}

@test "cgctl: io.weight on v1 goes to the weight file this kernel has" {
	require_root
	require_hybrid
	[ -d /sys/fs/cgroup/blkio ] || skip "no v1 blkio hierarchy"
	# v2's default weight: CFQ's default 500, BFQ's 100 (as systemd maps IOWeight to BlockIOWeight)
	run "$CGCTL" create "$G" io.weight=100
	if [ -e /sys/fs/cgroup/blkio/"$G"/blkio.weight ] || [ -e /sys/fs/cgroup/blkio/"$G"/blkio.bfq.weight ]; then
		assert_success
		run "$CGCTL" get "$G" io.weight
		assert_output "default 100"
		if [ -e /sys/fs/cgroup/blkio/"$G"/blkio.weight ]; then
			[ "$(cat /sys/fs/cgroup/blkio/"$G"/blkio.weight)" = 500 ] || fail "blkio.weight"
		else
			[ "$(awk '{ print $NF; exit }' /sys/fs/cgroup/blkio/"$G"/blkio.bfq.weight)" = 100 ] || fail "bfq weight"
		fi
	else
		assert_failure 1
		assert_output --partial "io.weight: not available on this kernel's v1 blkio"
		[ -z "$(group_dirs)" ] || fail "left $(group_dirs)"
	fi
}

@test "cgctl: exec / runs in the root group" {
	require_root
	run "$CGCTL" exec / -- cat /proc/self/cgroup
	assert_success
	refute_line --regexp ':/.+$'
	run "$CGCTL" exec --rm / -- true
	assert_failure 1
	assert_output --partial "never removed"
}

@test "cgctl: delete of several names deletes what it can and reports the rest" {
	require_root
	"$CGCTL" create "$G"
	"$CGCTL" create "$G-b"
	run "$CGCTL" delete "$G" "$G-missing" "$G-b"
	assert_failure 1
	assert_output "cgctl: $G-missing: no such group"
	[ -z "$(group_dirs)" ] && [ ! -d /sys/fs/cgroup/unified/"$G-b" ] && [ ! -d /sys/fs/cgroup/"$G-b" ] ||
		fail "not deleted"
}

@test "cgctl: a group in only some hierarchies is named so by create, and -p completes it" {
	require_root
	require_hybrid
	"$CGCTL" create -c pids "$G"
	run "$CGCTL" create "$G"
	assert_failure 1
	assert_line --index 0 --partial "cannot create group '$G': it exists in pids unified but not in"
	assert_line --index 1 "hint: cgctl create -p $G completes it; cgctl delete $G removes it"
	run "$CGCTL" create -p "$G"
	assert_success
	[ -d /sys/fs/cgroup/memory/"$G" ] || fail "not completed"
}

@test "cgctl: a failed exec removes what it made; empty controller lists and control characters" {
	require_root
	run -127 "$CGCTL" exec "$G" -- nsutils-test-no-such-program
	[ -z "$(group_dirs)" ] || fail "left $(group_dirs)"
	run "$CGCTL" create -c '' "$G"
	assert_failure 1
	assert_output "cgctl: empty controller list ''"
	run "$CGCTL" create -c , "$G"
	assert_failure 1
	assert_output "cgctl: empty controller list ','"
	run "$CGCTL" create "$G"$'\nx'
	assert_failure 1
	assert_output "cgctl: invalid group '$G\\x0ax': control characters are not allowed"
	run "$CGCTL" create "$G"$'\tx'
	assert_failure 1
	[ -z "$(group_dirs)" ] || fail "left $(group_dirs)"
}

@test "cgctl: kill by a user who may not signal the processes fails at once, per process" {
	require_root
	"$CGCTL" create "$G"
	start_bg "$CGCTL" exec "$G" -- sleep 300
	chmod 755 "$TMP"
	run setpriv --reuid=65534 --regid=65534 --clear-groups "$CGCTL" kill -s TERM "$G"
	assert_failure 1
	assert_output "cgctl: cannot signal process $TARGET: Operation not permitted"
	run timeout 5 setpriv --reuid=65534 --regid=65534 --clear-groups "$CGCTL" kill "$G"
	assert_failure 1
	assert_output --partial "cannot signal process $TARGET: Operation not permitted"
	kill -0 "$TARGET"
}

@test "cgctl: a create cut short is recognised, listed and completed with -p" {
	require_root
	local v2dir first
	v2dir=$(awk '$9 == "cgroup2" { print $5; exit }' /proc/self/mountinfo)
	[ -n "$v2dir" ] || skip "no cgroup v2 hierarchy"
	# what a create killed after its first mkdir leaves: one directory, marked as being made
	mkdir "$v2dir/$G"
	/usr/bin/python3 -c 'import os, sys; os.setxattr(sys.argv[1], "user.nsutils.creating", b"1")' "$v2dir/$G" ||
		skip "no user xattrs on cgroupfs (Linux < 5.7)"
	run "$CGCTL" create "$G"
	assert_failure 1
	assert_line --index 0 --partial "cannot create group '$G': a create of it did not finish (it is in unified"
	assert_line --index 1 "hint: cgctl create -p $G completes it; cgctl delete $G removes it"
	LC_ALL=C run "$CGCTL" list "$G"
	assert_line --regexp "^$G +0 +unified +unfinished$"
	run "$CGCTL" create -p "$G"
	assert_success
	LC_ALL=C run "$CGCTL" list "$G"
	refute_output --partial unfinished
	# a create that goes through leaves no mark
	run "$CGCTL" create "$G/child"
	LC_ALL=C run "$CGCTL" list "$G"
	refute_output --partial unfinished
}

@test "cgctl: delete --kill kills nothing when the delete would be refused" {
	require_root
	"$CGCTL" create -p "$G/child"
	start_bg "$CGCTL" exec "$G/child" -- sleep 300
	run "$CGCTL" delete --kill "$G"
	assert_failure 1
	assert_output --partial "it has child groups (--recursive deletes them)"
	kill -0 "$TARGET" || fail "delete --kill killed a process and then refused"
	run "$CGCTL" delete --kill --recursive "$G"
	assert_success
	[ -z "$(group_dirs)" ] || fail "left $(group_dirs)"
}

@test "cgctl: exec whose fork fails removes the group it made" {
	require_root
	require_hybrid
	# cgctl runs alone in a v1 pids group that allows one process: its fork fails
	"$CGCTL" create "$G-lim" pids.max=1
	# --stats: the exec that forks (a plain exec becomes the program, no fork)
	run "$CGCTL" exec "$G-lim" -- sh -c "exec '$CGCTL' exec --stats '$G/new' -- true"
	assert_failure 1
	assert_output --partial "fork failed: Resource temporarily unavailable"
	[ ! -d /sys/fs/cgroup/unified/"$G" ] && [ ! -d /sys/fs/cgroup/pids/"$G" ] ||
		fail "left $(group_dirs | grep -v -- "$G-lim")"
}
