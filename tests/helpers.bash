# SPDX-License-Identifier: GPL-2.0-or-later
# Shared set-up for the bats suites: where the built tools are, the lane we run
# in, and probes that skip a test only when the machine really lacks something.

: "${NSU_BUILDDIR:?run the suites through make check}"
: "${NSU_SRCDIR:=$NSU_BUILDDIR}"
: "${NSU_LANE:=host}"

bats_require_minimum_version 1.5.0
# bats-support and bats-assert, file by file: their loaders fork a dirname
# for every file, about 0.2 s a test here and several times that under the
# VM lane's emulation, since every test sources this file anew.
nsu_load_library() {
	local d f
	for d in ${BATS_LIB_PATH//:/ }; do
		[ -d "$d/$1/src" ] || continue
		for f in "$d/$1"/src/*.bash; do
			# shellcheck disable=SC1090
			source "$f" || return 1
		done
		return 0
	done
	bats_load_library "$1"
}
nsu_load_library bats-support
nsu_load_library bats-assert

# bats (1.8) sets a DEBUG trap that captures a stack trace before every simple
# command, so that a failure can say where it happened: 0.3 ms a command on
# the host, 3 ms in the VM lane's emulated guest, where it was most of the
# lane's time. The ERR trap sees the failing command's stack as well, so the
# trace is captured there, once, and the DEBUG trap goes (unless bats was
# asked to trace with -x, which needs it). Failures read as before: the same
# "(in test file F, line N)" lines.
if [ "${BATS_TRACE_LEVEL:-0}" -eq 0 ] && [ -z "${NSU_BATS_DEBUG_TRAP:-}" ] &&
	declare -F bats_setup_tracing bats_capture_stack_trace bats_check_status_from_trap >/dev/null &&
	! declare -F nsu_bats_setup_tracing >/dev/null; then
	eval "nsu_$(declare -f bats_setup_tracing)"
	bats_setup_tracing() {
		nsu_bats_setup_tracing
		trap - DEBUG
		# (nothing that failed in bats' own set-up is the test's)
		BATS_DEBUG_LAST_STACK_TRACE=() BATS_DEBUG_LASTLAST_STACK_TRACE=()
		BATS_DEBUG_LAST_STACK_TRACE_IS_VALID=
	}
	bats_error_trap() {
		bats_check_status_from_trap
		bats_capture_stack_trace
		BATS_DEBUG_LAST_STACK_TRACE_IS_VALID=1
	}
fi

UNSHARE="$NSU_BUILDDIR/unshare/unshare"
NSENTER="$NSU_BUILDDIR/nsenter/nsenter"

# Run COMMAND every 50 ms until it succeeds, SECONDS at most: for what a test
# waits to happen (a fixed sleep is too short under the VM lane's emulation).
wait_until() { # SECONDS COMMAND...
	local i n=$(($1 * 20))
	shift
	for ((i = 0; i < n; i++)); do
		"$@" && return 0
		sleep 0.05
	done
	return 1
}

# Whether system call NAME works here: not on a kernel that lacks it, nor
# under the old-kernel lane's filter (tests/helpers/oldkernel --has).
has_syscall() { # NAME
	local probe=$NSU_BUILDDIR/tests/helpers/oldkernel
	[ ! -x "$probe" ] || "$probe" --has "$1"
}
# Whether the running kernel is Linux X.Y or later.
kernel_at_least() { # X.Y
	local have
	have=$(uname -r)
	have=${have%%-*}
	[ "$(printf '%s\n%s\n' "$1" "$have" | sort -V | head -n 1)" = "$1" ]
}
# (the bad-input rows run in a bash of their own)
export -f has_syscall kernel_at_least

# Skip unless system call NAME works, naming the kernel that brought it.
require_syscall() { # NAME LINUX-VERSION
	has_syscall "$1" || skip "needs $1 (Linux $2)"
}

# A name every test object carries, unique per test so suites can run in parallel.
nsu_name() {
	echo "nsutils-test-${1:-x}-$$-${BATS_TEST_NUMBER:-0}"
}

# In a gcov build (make coverage) a process frozen while it writes its counts
# (at exec) holds a lock on a counts file that the next process of the same
# tool waits for: tests that freeze a tool's process are left out there.
require_no_coverage() {
	[ -z "${NSU_COVERAGE:-}" ] || skip "freezes a process that may hold gcov's lock (coverage build)"
}

require_root() {
	[ "$EUID" -eq 0 ] || skip "needs root (lane $NSU_LANE runs as uid $EUID)"
}

require_unpriv() {
	[ "$EUID" -ne 0 ] || skip "needs an unprivileged user (see the unpriv lane)"
}

require_userns() {
	local v
	v=$(cat /proc/sys/user/max_user_namespaces 2>/dev/null || echo 0)
	[ "$v" -gt 0 ] || skip "user namespaces are disabled (user.max_user_namespaces=0)"
	if [ -r /proc/sys/kernel/unprivileged_userns_clone ] &&
		[ "$(cat /proc/sys/kernel/unprivileged_userns_clone)" = 0 ] && [ "$EUID" -ne 0 ]; then
		skip "unprivileged user namespaces are disabled (kernel.unprivileged_userns_clone=0)"
	fi
}

require_timens() {
	[ -e /proc/self/ns/time ] || skip "this kernel has no time namespaces (Linux < 5.6)"
}

require_cgroup2() {
	grep -q ' - cgroup2 ' /proc/self/mountinfo || skip "no cgroup2 mount"
}

require_cmd() {
	local c
	for c in "$@"; do
		command -v "$c" >/dev/null 2>&1 || skip "$c is not installed"
	done
}

# The inode number of a namespace file, as nsfs reports it.
ns_ino() {
	stat -L -c %i "$1"
}

# The first process running sleep below PID (children, grandchildren, ...).
descendant_sleep() {
	local kids k
	kids=$(pgrep -P "$1") || return 1
	for k in $kids; do
		[ "$(cat /proc/"$k"/comm 2>/dev/null)" = sleep ] && { echo "$k"; return 0; }
	done
	for k in $kids; do
		descendant_sleep "$k" && return 0
	done
	return 1
}

# Start COMMAND... in the background, without bats' fd 3 (bats would wait for
# it); sets TARGET to the process that runs sleep: the command itself once it
# has executed sleep, or its first descendant that does (unshare --fork).
start_bg() {
	local up i
	"$@" 3>&- &
	up=$!
	PIDS+=("$up")
	for i in $(seq 1 100); do
		if [ "$(cat /proc/"$up"/comm 2>/dev/null)" = sleep ]; then
			TARGET=$up
			return 0
		fi
		TARGET=$(descendant_sleep "$up") && return 0
		sleep 0.05
	done
	fail "target did not start"
}

# A monitor (a background job of the test) ends on SIGTERM, as ip monitor
# does: killed by it, nothing printed after it.
ends_on_term() {
	local st=0
	kill -TERM "$1"
	wait "$1" || st=$?
	[ "$st" -eq 143 ] || fail "$2 ended with status $st on SIGTERM, not killed by it (143)"
}

# Kill what start_bg started, children first (teardown).
stop_bg() {
	local p
	for p in "${PIDS[@]}"; do
		pkill -KILL -P "$p" 2>/dev/null
		kill -KILL "$p" 2>/dev/null
	done
	PIDS=()
}

# Unmount what a test mounted under $TMP and remove it (teardown).
remove_tmp() {
	local m mounts=() i
	[ -n "${TMP:-}" ] || return 0
	# what is mounted under $TMP, from the mount table, deepest last
	while read -r _ _ _ _ m _; do
		case $m in "$TMP"/*) mounts+=("$m") ;; esac
	done </proc/self/mountinfo
	for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do
		umount -l "${mounts[i]}" 2>/dev/null
	done
	rm -rf "$TMP"
}

# Remove every named network namespace and every group (in every hierarchy,
# with what runs in it) whose name begins with PREFIX (teardown).
remove_named() { # PREFIX
	local f d p
	# never an empty or foreign prefix: a test skipped before it set one would
	# remove every namespace name and group (and kill their processes)
	case $1 in nsutils-test-?*) ;; *) return 0 ;; esac
	for f in /run/netns/"$1"*; do
		[ -e "$f" ] || continue
		umount -l "$f" 2>/dev/null
		rm -f "$f"
	done
	for d in /sys/fs/cgroup/"$1"* /sys/fs/cgroup/*/"$1"*; do
		[ -d "$d" ] || continue
		[ -f "$d/cgroup.freeze" ] && echo 0 >"$d/cgroup.freeze" 2>/dev/null
		[ -f "$d/freezer.state" ] && echo THAWED >"$d/freezer.state" 2>/dev/null
		for p in $(find "$d" -name cgroup.procs -exec cat {} + 2>/dev/null); do
			kill -KILL "$p" 2>/dev/null
		done
		for p in 1 2 3 4 5 6 7 8 9 10; do
			find "$d" -depth -type d -exec rmdir {} + 2>/dev/null
			[ -d "$d" ] || break
			sleep 0.1
		done
	done
}

# Start tests/helpers/nsthread; sets TARGET (the process) and TID (its thread
# in a network namespace of its own).
start_nsthread() {
	local i
	"$NSU_BUILDDIR/tests/helpers/nsthread" >"$TMP/nsthread.tid" 3>&- &
	TARGET=$!
	PIDS+=("$TARGET")
	for i in $(seq 1 100); do
		TID=$(cat "$TMP/nsthread.tid" 2>/dev/null)
		[ -n "$TID" ] && return 0
		sleep 0.05
	done
	fail "nsthread did not start"
}
