#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# nsenter against the real kernel: entering by target and by file, --all,
# credentials, root and working directories, pidfd pinning, exit codes, errors.

load helpers

setup() {
	TMP=$(mktemp -d /tmp/nsutils-test-nsenter.XXXXXX)
	PIDS=()
}

teardown() {
	stop_bg
	# (a group of the test's own: gone with its processes)
	[ -z "${CG_GROUP:-}" ] || "$NSU_BUILDDIR/cgctl/cgctl" delete -k "$CG_GROUP" 2>/dev/null || true
	remove_tmp
}

# A target in new namespaces: unshare ARGS... sleep 300.
start_target() {
	start_bg "$UNSHARE" "$@" sleep 300
}

@test "nsenter: -t PID -u enters the UTS namespace of the target" {
	require_root
	start_target -u
	nsenter -t "$TARGET" -u hostname nsutils-test-enter
	run "$NSENTER" -t "$TARGET" -u hostname
	assert_success
	assert_output "nsutils-test-enter"
	run "$NSENTER" --target="$TARGET" --uts readlink /proc/self/ns/uts
	assert_output "$(readlink /proc/"$TARGET"/ns/uts)"
}

@test "nsenter: -a enters every namespace but the caller's user namespace, as util-linux does" {
	require_root
	start_target -n
	cd "$TMP"
	# the mount namespace entered (the same as ours) puts the working directory at its root
	run "$NSENTER" -t "$TARGET" -a pwd
	assert_success
	assert_output "/"
	# the PID namespace entered (the same as ours) means a fork: the program's parent is nsenter
	run "$NSENTER" -t "$TARGET" -a sh -c 'cat /proc/$PPID/comm'
	assert_success
	assert_output "nsenter"
	run "$NSENTER" -t "$TARGET" -a readlink /proc/self/ns/net
	assert_output "$(readlink /proc/"$TARGET"/ns/net)"
	# a target in all of ours: everything is entered again but the user namespace, and it runs
	run "$NSENTER" -t $$ -a true
	assert_success
	cd /
}

@test "nsenter: -a into namespaces the caller may not see is an error, not a run in none of them" {
	require_root
	start_target -n
	# as nobody, a root process's namespaces cannot be looked at (util-linux: "stat of ... failed")
	run setpriv --reuid=65534 --regid=65534 --clear-groups -- "$NSENTER" -t "$TARGET" -a touch "$TMP/ran"
	assert_failure 1
	assert_line --index 0 --regexp "^nsenter: cannot stat /proc/$TARGET/ns/[a-z_]+: Permission denied\$"
	assert_line --index 1 "hint: entering the namespaces of another process needs root"
	[ ! -e "$TMP/ran" ] || fail "the program ran"
}

@test "nsenter: each kind is entered, by target and by file" {
	require_root
	require_timens
	start_target -m -u -i -n -C -T
	local opt kind
	for opt in m:mnt u:uts i:ipc n:net C:cgroup T:time; do
		kind=${opt#*:}
		run "$NSENTER" -t "$TARGET" "-${opt%%:*}" readlink /proc/self/ns/"$kind"
		assert_success
		assert_output "$(readlink /proc/"$TARGET"/ns/"$kind")"
		run "$NSENTER" "-${opt%%:*}/proc/$TARGET/ns/$kind" readlink /proc/self/ns/"$kind"
		assert_success
		assert_output "$(readlink /proc/"$TARGET"/ns/"$kind")"
	done
}

@test "nsenter: -p forks so the program is in the PID namespace; -F does not" {
	require_root
	start_target -f -p --mount-proc
	run "$NSENTER" -t "$TARGET" -p -m sh -c 'echo $$; ps -o comm= -p 1'
	assert_success
	assert_line --index 1 "sleep"
	[ "${lines[0]}" -gt 1 ]
	run "$NSENTER" -t "$TARGET" -p -F readlink /proc/self/ns/pid
	assert_output "$(readlink /proc/self/ns/pid)"
}

@test "nsenter: -a enters the namespaces that differ (and the others, which are the same); none without a target" {
	require_root
	start_target -u -n
	run "$NSENTER" -a -t "$TARGET" sh -c 'readlink /proc/self/ns/uts /proc/self/ns/net /proc/self/ns/ipc'
	assert_success
	assert_line --index 0 "$(readlink /proc/"$TARGET"/ns/uts)"
	assert_line --index 1 "$(readlink /proc/"$TARGET"/ns/net)"
	assert_line --index 2 "$(readlink /proc/self/ns/ipc)"
	run "$NSENTER" -a true
	assert_failure 1
	assert_output --partial "no target PID specified for --all"
}

@test "nsenter: -U enters a user namespace made by an unprivileged user and sets uid 0" {
	require_root
	start_target -r -u
	run "$NSENTER" -t "$TARGET" -U -u sh -c 'id -u; id -g; hostname'
	assert_success
	assert_line --index 0 "0"
	assert_line --index 1 "0"
	start_target --map-user=1000 --map-group=1000
	run "$NSENTER" -t "$TARGET" -U --preserve-credentials id -u
	assert_success
	assert_output "1000"
	run "$NSENTER" -t "$TARGET" -U id -u
	assert_failure 1
	assert_output "nsenter: setgid failed: Invalid argument"
}

@test "nsenter: -S/-G follow take the target's ids as its namespace sees them" {
	require_root
	start_target --map-users=0:100000:2000 --map-groups=0:100000:2000 -S 1000 -G 1001
	run "$NSENTER" -t "$TARGET" -U -S follow -G follow sh -c 'id -u; id -g'
	assert_success
	assert_output $'1000\n1001'
}

@test "nsenter: the user namespace is entered last when it takes privilege away" {
	require_root
	# the netns belongs to the initial user namespace, the userns is new
	start_target -n sh -c "exec '$UNSHARE' -r sleep 300"
	run "$NSENTER" -t "$TARGET" -U -n sh -c 'readlink /proc/self/ns/net; id -u'
	assert_success
	assert_line --index 0 "$(readlink /proc/"$TARGET"/ns/net)"
	assert_line --index 1 "0"
}

@test "nsenter: -U into the caller's own user namespace fails, as util-linux's, and runs nothing" {
	require_root
	start_bg "$UNSHARE" -n sleep 300
	# util-linux 2.38: "reassociate to namespace 'ns/user' failed: Invalid argument", exit 1
	run setpriv --groups=4,27 -- "$NSENTER" -t "$TARGET" -U -n -S 65534 touch "$BATS_TEST_TMPDIR/ran"
	assert_failure 1
	assert_line --index 0 "nsenter: cannot enter the user namespace of process $TARGET: Invalid argument"
	[ ! -e "$BATS_TEST_TMPDIR/ran" ] || fail "the program ran"
	# -a skips the user namespace that is the caller's own
	run "$NSENTER" -t "$TARGET" -a readlink /proc/self/ns/net
	assert_success
	assert_output "$(readlink /proc/"$TARGET"/ns/net)"
}

@test "nsenter: -r without -w keeps the working directory, as util-linux's" {
	require_root
	start_bg "$UNSHARE" -u sleep 300
	cd "$BATS_TEST_TMPDIR"
	# util-linux 2.38 prints the directory it was started in (entering a
	# mount namespace would take it to that namespace's root, on both)
	run "$NSENTER" -t "$TARGET" -u -r pwd
	assert_success
	assert_output "$BATS_TEST_TMPDIR"
	run "$NSENTER" -t "$TARGET" -u -r -w pwd
	assert_success
	assert_output "$(readlink /proc/"$TARGET"/cwd)"
}

@test "nsenter: --user-parent enters the parent of a user namespace" {
	require_root
	start_target -r sh -c "readlink /proc/self/ns/user > $TMP/middle; exec '$UNSHARE' -r sleep 300"
	run "$NSENTER" -t "$TARGET" -U --user-parent readlink /proc/self/ns/user
	assert_success
	assert_output "$(cat "$TMP/middle")"
	# the same by file
	run "$NSENTER" --user="/proc/$TARGET/ns/user" --user-parent --preserve-credentials \
		readlink /proc/self/ns/user
	assert_output "$(cat "$TMP/middle")"
}

@test "nsenter: --root, --wd and --wdns" {
	require_root
	mkdir -p "$TMP/root/sub"
	start_bg sh -c "cd '$TMP/root/sub' && exec sleep 300"
	run "$NSENTER" -t "$TARGET" -u -w pwd
	assert_output "$TMP/root/sub"
	# /bin/pwd is not in the new root: the program is looked up after the chroot.
	run -127 "$NSENTER" -t "$TARGET" -u -r"$TMP/root" -W/sub /bin/pwd
	assert_output --partial "/bin/pwd"
	run "$NSENTER" -t "$TARGET" -u -w"$TMP/root" pwd
	assert_output "$TMP/root"
	# -W takes its argument only attached, as util-linux: "-W DIR" runs DIR
	run -126 "$NSENTER" -t "$TARGET" -u -W /tmp
	assert_output --partial "failed to execute /tmp"
	run "$NSENTER" -t "$TARGET" -u -W=/tmp pwd
	assert_output "/tmp"
	run "$NSENTER" -t "$TARGET" -u -w/tmp -W/tmp true
	assert_failure 1
	assert_output --partial "mutually exclusive"
	run "$NSENTER" -r true
	assert_failure 1
	assert_output --partial "needs a target process"
}

@test "nsenter: -e takes the environment of the target" {
	require_root
	start_bg env -i NSUTILS_TEST_ENV=yes PATH=/usr/bin:/bin sleep 300
	run "$NSENTER" -t "$TARGET" -u -e env
	assert_success
	assert_output $'NSUTILS_TEST_ENV=yes\nPATH=/usr/bin:/bin'
}

# bats test_tags=cgroup-layout
@test "nsenter: -c joins the target's cgroup2 group and keeps stdin open" {
	require_root
	require_cgroup2
	run "$NSENTER" -c -t $$ -u sh -c 'read -r line; echo "got $line"' <<<"hello"
	assert_success
	assert_output "got hello"
	run "$NSENTER" -c -t $$ -u cat /proc/self/cgroup
	assert_line "$(grep '^0::' /proc/$$/cgroup)"
}

# bats test_tags=cgroup-layout
@test "nsenter: -c on hybrid joins the target's group in every hierarchy, v1 ones too" {
	require_root
	[ -d /sys/fs/cgroup/pids ] && grep -q ' cgroup2 ' /proc/self/mounts || skip "needs v1 pids beside cgroup2"
	local g=nsutils-test-nsenter-$$-$BATS_TEST_NUMBER
	CG_GROUP=$g
	"$NSU_BUILDDIR/cgctl/cgctl" create -c pids "$g"
	start_bg "$NSU_BUILDDIR/cgctl/cgctl" exec "$g" -- sleep 300
	run "$NSENTER" -t "$TARGET" -c -u cat /proc/self/cgroup
	assert_success
	# util-linux joins the cgroup2 group alone: a shell entered so leaves a container's v1 limits behind
	assert_line --regexp "^[0-9]+:pids:/$g\$"
	assert_line "0::/$g"
}

# bats test_tags=kernel-version
@test "nsenter: --target PID:INODE pins the process" {
	require_root
	require_syscall pidfd_open 5.3
	start_target -u
	local ino
	ino=$(python3 -c "import os,sys; fd=os.pidfd_open($TARGET); print(os.fstat(fd).st_ino)")
	python3 -c "import os; fd=os.pidfd_open(os.getpid()); import sys; sys.exit(0 if os.fstat(fd).st_ino != os.fstat(os.pidfd_open(1 if False else os.getppid())).st_ino else 1)" ||
		skip "pidfds have no identifying inode on this kernel (Linux < 6.9)"
	run "$NSENTER" -t "$TARGET:$ino" -u readlink /proc/self/ns/uts
	assert_success
	assert_output "$(readlink /proc/"$TARGET"/ns/uts)"
	run "$NSENTER" -t "$TARGET:$((ino + 1))" -u true
	assert_failure 1
	assert_output --partial "is not the one with pidfd inode"
}

@test "nsenter: -N enters the network namespace of a socket of the target" {
	require_root
	require_syscall pidfd_getfd 5.6
	"$UNSHARE" -n python3 -c '
import socket, os, time
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
print(s.fileno(), flush=True)
time.sleep(300)' >"$TMP/fd" 3>&- &
	PIDS+=($!)
	TARGET=$!
	local i
	for i in $(seq 1 100); do [ -s "$TMP/fd" ] && break; sleep 0.05; done
	run "$NSENTER" -t "$TARGET" -N "$(cat "$TMP/fd")" readlink /proc/self/ns/net
	assert_success
	assert_output "$(readlink /proc/"$TARGET"/ns/net)"
}

@test "nsenter: -Z says clearly when SELinux is absent" {
	[ -e /sys/fs/selinux/enforce ] && skip "SELinux is enabled here"
	run "$NSENTER" -Z -t $$ -u true
	assert_failure 1
	assert_output "nsenter: --follow-context: SELinux is not enabled on this system"
}

# bats test_tags=unpriv
@test "nsenter: exit status passes through, 126/127 for exec failures" {
	require_userns
	start_target -r
	# an unprivileged caller cannot drop its groups, before or after (util-linux: the same)
	if [ "$(id -u)" -ne 0 ]; then
		run "$NSENTER" -t "$TARGET" -U true
		assert_failure 1
		assert_output "nsenter: setgroups failed: Operation not permitted"
	fi
	run "$NSENTER" -t "$TARGET" -U --preserve-credentials sh -c 'exit 5'
	assert_failure 5
	run -127 "$NSENTER" -t "$TARGET" -U --preserve-credentials /nonexistent/nsutils-test
	assert_output "nsenter: failed to execute /nonexistent/nsutils-test: No such file or directory"
	run -126 "$NSENTER" -t "$TARGET" -U --preserve-credentials /etc/passwd
}

@test "nsenter: a forked program killed by a signal makes nsenter die the same way" {
	require_root
	start_target -f -p
	run sh -c "'$NSENTER' -t $TARGET -p sh -c 'kill -TERM \$\$'; echo \$?"
	assert_output --partial "143"
}

# bats test_tags=unpriv
@test "nsenter: bad targets and files fail with a clear message" {
	run "$NSENTER" -t 0 -u true
	assert_failure 1
	assert_output "nsenter: invalid target PID '0': out of range"
	run "$NSENTER" -t abc -u true
	assert_failure 1
	run "$NSENTER" -t 2147483647 -u true
	assert_failure 1
	assert_output --partial "cannot open process 2147483647"
	run "$NSENTER" --uts=/nonexistent/nsutils-test true
	assert_failure 1
	assert_output "nsenter: cannot open /nonexistent/nsutils-test: No such file or directory"
	run "$NSENTER" -u true
	assert_failure 1
	assert_output --partial "neither filename nor target pid supplied for ns/uts"
	run "$NSENTER" --bogus
	assert_failure 1
	assert_line --index 1 "Try 'nsenter --help' for more information."
}

@test "nsenter: a file that is not a namespace is refused by the kernel" {
	require_root
	run "$NSENTER" --net=/etc/passwd true
	assert_failure 1
	assert_output "nsenter: reassociate to namespace 'ns/net' failed: Invalid argument"
}

# bats test_tags=unpriv
@test "nsenter: an unprivileged user cannot enter a root-owned namespace" {
	require_unpriv
	run "$NSENTER" --net=/proc/self/ns/net true
	assert_failure 1
	assert_output --partial "Operation not permitted"
}

@test "nsenter: root's supplementary groups never reach a user namespace" {
	require_root
	start_target -r
	# the target's namespace denies setgroups: the groups go before entering
	run setpriv --groups=4 "$NSENTER" -t "$TARGET" -U id -G
	assert_success
	assert_output "0"
	# --preserve-credentials keeps them, as util-linux does
	run setpriv --groups=4 "$NSENTER" -t "$TARGET" -U --preserve-credentials id -G
	assert_success
	assert_output "0 65534"
}

@test "nsenter: --preserve-credentials does not cancel an explicit -S/-G" {
	require_root
	start_target --map-users=0:100000:2000 --map-groups=0:100000:2000
	run "$NSENTER" -t "$TARGET" -U --preserve-credentials -S 1000 -G 1001 sh -c 'id -u; id -g'
	assert_success
	assert_output $'1000\n1001'
}

@test "nsenter: --user-parent implies --user and works with -a" {
	require_root
	start_target -r sh -c "readlink /proc/self/ns/user > $TMP/middle; exec '$UNSHARE' -r -n sleep 300"
	run "$NSENTER" -t "$TARGET" --user-parent readlink /proc/self/ns/user
	assert_success
	assert_output "$(cat "$TMP/middle")"
	run "$NSENTER" -t "$TARGET" -a --user-parent readlink /proc/self/ns/user
	assert_success
	assert_output "$(cat "$TMP/middle")"
	# a net namespace file: the parent of the user namespace that owns it
	run "$NSENTER" --net=/proc/"$TARGET"/ns/net --user-parent readlink /proc/self/ns/user
	assert_success
	assert_output "$(cat "$TMP/middle")"
}

@test "nsenter: -t takes a thread id" {
	require_root
	start_nsthread
	run "$NSENTER" -t "$TID" -n readlink /proc/self/ns/net
	assert_success
	assert_output "$(readlink /proc/"$TID"/ns/net)"
	[ "$output" != "$(readlink /proc/self/ns/net)" ]
}

@test "nsenter: -N beyond int range and no namespace at all are errors" {
	run "$NSENTER" -t $$ -N 4294967298 true
	assert_failure 1
	assert_output "nsenter: invalid file descriptor '4294967298': out of range"
	run "$NSENTER" true
	assert_failure 1
	assert_output "nsenter: no namespace specified"
	run "$NSENTER" -t $$ true
	assert_failure 1
	assert_output "nsenter: no namespace specified"
}

@test "nsenter: a process whose namespaces are out of reach gets a hint" {
	require_root
	[ ! -r /proc/1/ns/uts ] && ! stat /proc/1/ns/uts >/dev/null 2>&1 ||
		skip "process 1's namespaces are readable here"
	run "$NSENTER" -t 1 -u true
	assert_failure 1
	assert_line --index 0 "nsenter: cannot stat /proc/1/ns/uts: Permission denied"
	assert_line --index 1 --partial "hint: process 1 is out of reach"
}
