# SPDX-License-Identifier: GPL-2.0-or-later
# What the cgctl suites (cgctl.bats, cgctl-run.bats) share: the group each test
# owns, its teardown from every hierarchy, and the layout at hand.

CGCTL="$NSU_BUILDDIR/cgctl/cgctl"

setup() {
	[ -d /sys/fs/cgroup ] || skip "no /sys/fs/cgroup"
	TMP=$(mktemp -d /tmp/nsutils-test-cgctl.XXXXXX)
	PIDS=()
	G=$(nsu_name g)
	# Pure v2: /sys/fs/cgroup itself is the cgroup2 hierarchy.
	V2=
	[ "$(stat -f -c %T /sys/fs/cgroup)" = cgroup2fs ] && V2=1
	true
}

# Every directory of our group in every hierarchy, deepest first; a
# hierarchy once, not again through its links (v1's cpu -> cpu,cpuacct).
group_dirs() {
	local d h
	for h in /sys/fs/cgroup /sys/fs/cgroup/*; do
		[ -L "$h" ] && continue
		for d in "$h/$G" "$h/$G"-*; do
			[ -d "$d" ] && find "$d" -depth -type d
		done
	done
}

teardown() {
	local d p
	stop_bg
	[ -z "${LOOPDEV:-}" ] || losetup -d "$LOOPDEV"
	for d in $(group_dirs 2>/dev/null); do
		[ -f "$d/cgroup.freeze" ] && echo 0 >"$d/cgroup.freeze" 2>/dev/null
		[ -f "$d/freezer.state" ] && echo THAWED >"$d/freezer.state" 2>/dev/null
		for p in $(cat "$d/cgroup.procs" 2>/dev/null); do kill -KILL "$p" 2>/dev/null; done
	done
	for d in $(group_dirs 2>/dev/null); do
		for _ in 1 2 3 4 5 6 7 8 9 10; do rmdir "$d" 2>/dev/null && break; sleep 0.1; done
	done
	remove_tmp
}

# The file of our group that holds KEY on this layout: v2 name, or the v1 one.
native() { # v2-file v1-controller v1-file
	if [ -n "$V2" ]; then echo "/sys/fs/cgroup/$G/$1"; else echo "/sys/fs/cgroup/$2/$G/$3"; fi
}

# A pure v1 layout: v1 controller hierarchies and no cgroup2 (make check-full's vm-v1 lane).
pure_v1() {
	[ -z "$V2" ] && ! grep -q ' - cgroup2 ' /proc/self/mountinfo
}

# A setting of valid syntax that the kernel refuses (EINVAL) once the group
# exists: v2's cgroup.max.depth=bogus, and where that is not (pure v1) a CFS
# quota below the kernel's 1 ms.
refused_setting() {
	if pure_v1; then echo cpu.cfs_quota_us=1; else echo cgroup.max.depth=bogus; fi
}

# A hybrid layout: v1 controller hierarchies beside the v2 one.
require_hybrid() {
	[ -z "$V2" ] && [ -d /sys/fs/cgroup/pids ] && grep -q ' - cgroup2 ' /proc/self/mountinfo ||
		skip "needs a hybrid layout (v1 pids beside cgroup2)"
}

# Wait until the monitor PID sleeps in poll(2): its watches are set, so what
# happens from now on is seen. (A fixed sleep was too short under ASan beside
# other work.) Bounded: 10 s.
monitor_ready() {
	local i
	for i in $(seq 1 200); do
		grep -q poll "/proc/$1/wchan" 2>/dev/null && return 0
		sleep 0.05
	done
	fail "monitor $1 did not start watching in 10 s"
}
