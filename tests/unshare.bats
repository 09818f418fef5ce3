#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# unshare against the real kernel: every namespace kind, the id maps, the
# persistent namespaces, exit codes and the error cases. Tests tagged "unpriv"
# also run as uid 65534 in the unprivileged lane.

load helpers

setup() {
	TMP=$(mktemp -d /tmp/nsutils-test-unshare.XXXXXX)
	PIDS=()
}

teardown() {
	stop_bg
	# Persistent namespaces are bind mounts: remove_tmp takes them down first.
	remove_tmp
}

@test "unshare and nsenter load no mount library: the mount table is read where it is asked for" {
	require_root
	# the dynamic loader says what it loads (LD_DEBUG=libs)
	run env LD_DEBUG=libs "$UNSHARE" -U -u true
	assert_success
	assert_output --partial "find library=libc.so"
	refute_output --regexp "library=lib(mount|blkid|selinux|pcre2)"
	start_bg "$UNSHARE" -u sleep 300
	run env LD_DEBUG=libs "$NSENTER" -t "$TARGET" -u true
	assert_success
	refute_output --regexp "library=lib(mount|blkid|selinux|pcre2)"
	# (what used libmount still answers: "a persistent mount namespace needs a file on a private mount")
}

@test "unshare: --fork --pid --mount-proc makes the program PID 1 (seed recipe)" {
	require_root
	run "$UNSHARE" --fork --pid --mount-proc readlink /proc/self
	assert_success
	assert_output "1"
}

@test "unshare: -p without --fork warns and leaves the program outside" {
	require_root
	run "$UNSHARE" -p readlink /proc/self
	assert_success
	assert_line --partial "without --fork"
	refute_line "1"
}

@test "unshare: -u isolates the hostname (seed recipe)" {
	require_root
	local before
	before=$(hostname)
	run "$UNSHARE" --uts sh -c 'hostname nsutils-test-uts && hostname'
	assert_success
	assert_output "nsutils-test-uts"
	[ "$(hostname)" = "$before" ]
}

@test "unshare: each kind gets a new namespace, the others stay" {
	require_root
	require_timens
	local opt kind
	for opt in m:mnt u:uts i:ipc n:net C:cgroup U:user T:time; do
		kind=${opt#*:}
		# -f: on Linux 6.1 exec does not switch into a new time namespace
		run "$UNSHARE" -f "-${opt%%:*}" readlink /proc/self/ns/"$kind"
		assert_success
		[ "$output" != "$(readlink /proc/self/ns/"$kind")" ] || fail "$kind not new: $output"
		run "$UNSHARE" "-${opt%%:*}" readlink /proc/self/ns/pid
		assert_output "$(readlink /proc/self/ns/pid)"
	done
}

@test "unshare: long options and short options are the same" {
	require_root
	run "$UNSHARE" --mount --uts --ipc --net readlink /proc/self/ns/net
	assert_success
	[ "$output" != "$(readlink /proc/self/ns/net)" ]
	# -mu is two options (util-linux: short options take no file)
	run "$UNSHARE" -mu readlink /proc/self/ns/uts
	assert_success
	[ "$output" != "$(readlink /proc/self/ns/uts)" ]
}

@test "unshare: a new network namespace has only a loopback that is down (seed recipe)" {
	require_root
	run "$UNSHARE" -n cat /proc/net/dev
	assert_success
	assert_line --partial "lo:"
	[ "$(grep -c ':' <<<"$output")" -eq 1 ]
	run "$UNSHARE" -n ip -o link show lo
	assert_output --partial "state DOWN"
}

@test "unshare: a new IPC namespace is empty (seed recipe)" {
	require_root
	local id
	id=$(ipcmk -Q | grep -o '[0-9]*$')
	run "$UNSHARE" -i ipcs -q
	ipcrm -q "$id"
	assert_success
	refute_output --partial " $id "
}

@test "unshare: mounts made inside stay inside; shared mount made private (seed recipe)" {
	require_root
	mkdir "$TMP/shared"
	mount -t tmpfs nsutils-test "$TMP/shared"
	mount --make-shared "$TMP/shared"
	run "$UNSHARE" -m sh -c "mount -t tmpfs inner $TMP/shared && findmnt -no PROPAGATION $TMP/shared | sort -u"
	assert_success
	assert_output "private"
	run findmnt -no SOURCE "$TMP/shared"
	assert_output "nsutils-test"
	umount "$TMP/shared"
}

@test "unshare: --propagation shared|slave|unchanged is applied to the mount tree" {
	require_root
	mkdir "$TMP/shared"
	mount -t tmpfs nsutils-test "$TMP/shared"
	mount --make-shared "$TMP/shared"
	run "$UNSHARE" -m --propagation slave findmnt -no PROPAGATION "$TMP/shared"
	assert_output "private,slave"
	run "$UNSHARE" -m --propagation unchanged findmnt -no PROPAGATION "$TMP/shared"
	assert_output "shared"
	run "$UNSHARE" -m --propagation bogus true
	assert_failure 1
	assert_output --partial "unsupported propagation mode: bogus"
	umount "$TMP/shared"
}

# bats test_tags=unpriv
@test "unshare: -r maps the caller to root in a new user namespace" {
	require_userns
	run "$UNSHARE" -r sh -c 'id -u; id -g; cat /proc/self/uid_map /proc/self/setgroups'
	assert_success
	assert_line --index 0 "0"
	assert_line --index 1 "0"
	assert_line --index 2 --regexp "^ +0 +$(id -u) +1$"
	assert_line --index 3 "deny"
}

# bats test_tags=unpriv
@test "unshare: -c maps the caller to itself" {
	require_userns
	run "$UNSHARE" -c id -u
	assert_success
	assert_output "$(id -u)"
}

# bats test_tags=unpriv
@test "unshare: --map-user/--map-group by number and by name" {
	require_userns
	run "$UNSHARE" --map-user=1000 --map-group=1000 sh -c 'id -u; id -g'
	assert_success
	assert_output $'1000\n1000'
	run "$UNSHARE" --map-user=nobody cat /proc/self/uid_map
	assert_success
	assert_output --regexp "^ +65534 +$(id -u) +1$"
}

@test "unshare: --map-users with ranges, old form too, and a hole for --map-user" {
	require_root
	run "$UNSHARE" --map-users=0:100000:65536 --map-groups=0:100000:65536 \
		cat /proc/self/uid_map /proc/self/gid_map
	assert_success
	assert_line --index 0 --regexp '^ +0 +100000 +65536$'
	assert_line --index 1 --regexp '^ +0 +100000 +65536$'
	run "$UNSHARE" --map-users=100000,0,65536 cat /proc/self/uid_map
	assert_output --regexp '^ +0 +100000 +65536$'
	# util-linux 2.42 writes exactly this: the outer ids are not shifted
	run "$UNSHARE" --map-user=1000 --map-users=0:100000:65536 cat /proc/self/uid_map
	assert_success
	assert_output "$(printf '%10s %10s %10s\n' 1000 0 1 0 100000 1000 1001 101000 64535)"
}

@test "unshare: --map-group splits a --map-groups range on both sides, as util-linux 2.42" {
	require_root
	# the single id overlaps the range inside (0) and outside (5)
	run "$UNSHARE" --map-group=0 --map-groups=0:0:10 -G 0 cat /proc/self/gid_map
	assert_success
	assert_output "$(printf '%10s %10s %10s\n' 0 0 1 1 1 9)"
	run "$UNSHARE" -r --map-users=all --map-groups=0:100000:10 cat /proc/self/gid_map
	assert_success
	assert_output "$(printf '%10s %10s %10s\n' 0 0 1 1 100000 9)"
}

@test "unshare: -r with --map-groups or --map-auto leaves setgroups allowed" {
	require_root
	run "$UNSHARE" -r --map-groups=0:100000:10 cat /proc/self/setgroups
	assert_success
	assert_output "allow"
	# and root inside may then set its groups
	run "$UNSHARE" -r --map-groups=0:100000:10 -G 0 sh -c 'id -G; cat /proc/self/setgroups'
	assert_success
	assert_output $'0\nallow'
	# a one-id gid map still needs deny
	run "$UNSHARE" -r cat /proc/self/setgroups
	assert_output "deny"
}

@test "unshare: --map-users=all passes every id through" {
	require_root
	run "$UNSHARE" --map-users=all --map-groups=all cat /proc/self/uid_map
	assert_success
	assert_output "$(cat /proc/self/uid_map)"
}

@test "unshare: --map-auto and --map-subids read /etc/subuid" {
	require_root
	grep -q "^root:" /etc/subuid 2>/dev/null || skip "root has no /etc/subuid range"
	run "$UNSHARE" --map-auto cat /proc/self/uid_map
	assert_success
	local start count
	IFS=: read -r _ start count < <(grep '^root:' /etc/subuid | head -n1)
	assert_output --regexp "^ +0 +$start +$count$"
	run "$UNSHARE" --map-subids cat /proc/self/uid_map
	assert_output --regexp "^ +$start +$start +$count$"
}

@test "unshare: --map-auto without a subordinate range says so" {
	require_root
	grep -q "^root:" /etc/subuid 2>/dev/null && skip "root has a /etc/subuid range here"
	run "$UNSHARE" --map-auto true
	assert_failure 1
	assert_output --partial "no subordinate id range for root"
}

@test "unshare: bad --map-users arguments are refused before anything happens" {
	run "$UNSHARE" --map-users=0:1 true
	assert_failure 1
	assert_output --partial "invalid --map-users '0:1'"
	run "$UNSHARE" --map-users=0:100000:0 true
	assert_failure 1
	run "$UNSHARE" --map-users=0:100:10 --map-users=5:200:10 true
	assert_failure 1
	assert_output --partial "overlap"
	run "$UNSHARE" --map-user=nsutils-test-nosuchuser true
	assert_failure 1
	assert_output --partial "invalid user 'nsutils-test-nosuchuser': no such name"
}

@test "unshare: --setgroups allow conflicts with --map-group; deny is written" {
	run "$UNSHARE" -r --setgroups allow true
	assert_failure 1
	assert_output --partial "mutually exclusive"
	# without -U it acts on the current user namespace, as util-linux: refused here
	require_root
	run "$UNSHARE" --setgroups deny true
	assert_failure 1
	assert_line --index 0 "unshare: cannot write /proc/self/setgroups: Operation not permitted"
	run "$UNSHARE" -U --setgroups deny cat /proc/self/setgroups
	assert_success
	assert_output "deny"
}

# bats test_tags=unpriv
@test "unshare: an unprivileged --net gets a hint to use --user" {
	require_unpriv
	run "$UNSHARE" --net true
	assert_failure 1
	assert_line --index 0 "unshare: unshare(CLONE_NEWNET) failed: Operation not permitted"
	assert_line --index 1 --partial "hint: an unprivileged user needs --user or -r"
}

# bats test_tags=unpriv
@test "unshare: an unprivileged user gets every namespace with -r" {
	require_userns
	run "$UNSHARE" -r -m -u -i -n -C --fork --pid --mount-proc sh -c 'hostname nsutils-test-x && hostname && echo $$'
	assert_success
	assert_output $'nsutils-test-x\n1'
}

@test "unshare: persistent namespaces are bind-mounted and entered later with nsenter" {
	require_root
	local k
	for k in uts ipc net cgroup; do touch "$TMP/$k"; done
	run "$UNSHARE" --uts="$TMP/uts" --ipc="$TMP/ipc" --net="$TMP/net" --cgroup="$TMP/cgroup" \
		hostname nsutils-test-persist
	assert_success
	for k in uts ipc net cgroup; do
		mountpoint -q "$TMP/$k" || fail "$k not mounted"
	done
	run "$NSENTER" --uts="$TMP/uts" hostname
	assert_output "nsutils-test-persist"
	run nsenter --uts="$TMP/uts" hostname
	assert_output "nsutils-test-persist"
}

@test "unshare: persistent pid, time and user namespaces" {
	require_root
	require_timens
	touch "$TMP/pid" "$TMP/time" "$TMP/user"
	run "$UNSHARE" --fork --pid="$TMP/pid" --time="$TMP/time" --user="$TMP/user" --monotonic 1000 true
	assert_success
	mountpoint -q "$TMP/pid"
	mountpoint -q "$TMP/time"
	mountpoint -q "$TMP/user"
	run "$NSENTER" --time="$TMP/time" cat /proc/self/timens_offsets
	assert_line --regexp '^monotonic +1000 +0$'
	run "$NSENTER" --preserve-credentials --user="$TMP/user" readlink /proc/self/ns/user
	assert_output "user:[$(ns_ino "$TMP/user")]"
}

@test "unshare: a persistent mount namespace needs a file on a private mount" {
	require_root
	local cpu
	# The kernel binds a mount namespace only in an older one, older by its
	# number, and Linux 6.18 numbers namespaces from per-CPU batches: one
	# made on another CPU can be numbered below the namespace it is made in.
	# Run in a mount namespace of its own (CI's is not the initial one), the
	# bind then failed at random with EINVAL, util-linux's unshare's too; so
	# the test makes its own mount namespace, and on one CPU, which orders
	# the numbers.
	cpu=$(sed -n 's/^Cpus_allowed_list:[[:space:]]*\([0-9]*\).*/\1/p' /proc/self/status)
	mkdir "$TMP/priv"
	run taskset -c "$cpu" "$UNSHARE" -m --propagation private sh -c '
		mount -t tmpfs nsutils-test "$1/priv" && touch "$1/priv/mnt" || exit 9
		"$2" --mount="$1/priv/mnt" true || exit 1
		mountpoint -q "$1/priv/mnt" || { echo "not bound"; exit 2; }
		umount "$1/priv/mnt" && mount --make-shared "$1/priv" || exit 9
		! "$2" --mount="$1/priv/mnt" true || { echo "bound on a shared mount"; exit 3; }
		! mountpoint -q "$1/priv/mnt" || { echo "left bound"; exit 4; }' sh "$TMP" "$UNSHARE"
	assert_success
	assert_output --partial "shared propagation"
	! mountpoint -q "$TMP/priv" || fail "the test's tmpfs is seen outside its namespace"
}

@test "unshare: a missing persistent file fails before any namespace exists" {
	require_root
	touch "$TMP/uts"
	run "$UNSHARE" --uts="$TMP/uts" --net="$TMP/missing" true
	assert_failure 1
	assert_line --index 0 --partial "cannot use $TMP/missing for the persistent net namespace"
	assert_line --index 1 --partial "create it first"
	run mountpoint -q "$TMP/uts"
	assert_failure
}

@test "unshare: a failure after the bind mounts undoes them" {
	require_root
	touch "$TMP/uts" "$TMP/pid" "$TMP/net"
	# a working directory that is not there, without and with --fork
	run "$UNSHARE" --uts="$TMP/uts" -w /nonexistent/nsutils-test true
	assert_failure 1
	run mountpoint -q "$TMP/uts"
	assert_failure
	run "$UNSHARE" --fork --pid="$TMP/pid" --net="$TMP/net" -R /nonexistent/nsutils-test true
	assert_failure 1
	run mountpoint -q "$TMP/pid"
	assert_failure
	run mountpoint -q "$TMP/net"
	assert_failure
	# a program that cannot be executed
	run -127 "$UNSHARE" --uts="$TMP/uts" /nonexistent/nsutils-test
	run mountpoint -q "$TMP/uts"
	assert_failure
	run -127 "$UNSHARE" -f --uts="$TMP/uts" /nonexistent/nsutils-test
	run mountpoint -q "$TMP/uts"
	assert_failure
	# and the same command that works keeps them
	run "$UNSHARE" -f --uts="$TMP/uts" true
	assert_success
	mountpoint -q "$TMP/uts"
}

@test "unshare: a bind mount that fails undoes the ones made before it" {
	require_root
	touch "$TMP/uts"
	mkdir "$TMP/dir"
	# a directory cannot take a namespace file
	run "$UNSHARE" --uts="$TMP/uts" --net="$TMP/dir" true
	assert_failure 1
	assert_output --partial "cannot bind the net namespace"
	run mountpoint -q "$TMP/uts"
	assert_failure
}

@test "unshare: --pid=FILE without --fork is refused" {
	run "$UNSHARE" --pid="$TMP/pid" true
	assert_failure 1
	assert_output --partial "requires --fork"
}

@test "unshare: the time offsets of a new time namespace (seed recipe)" {
	require_root
	require_timens
	run "$UNSHARE" -f -T --boottime 86400 --monotonic -5 cat /proc/self/timens_offsets /proc/uptime
	assert_success
	assert_line --index 0 --regexp '^monotonic +-5 +0$'
	assert_line --index 1 --regexp '^boottime +86400 +0$'
	local up
	up=$(cut -d. -f1 <<<"${lines[2]}")
	[ "$up" -ge 86400 ] || fail "uptime $up does not include the offset"
	run "$UNSHARE" --monotonic 5 true
	assert_failure 1
	assert_output --partial "require unsharing of a time namespace"
	run "$UNSHARE" -T --monotonic 5x true
	assert_failure 1
	assert_output --partial "invalid monotonic offset '5x'"
}

# bats test_tags=cgroup-layout
@test "unshare: a cgroup namespace is rooted at the current cgroup (seed recipe)" {
	require_root
	run "$UNSHARE" -C cat /proc/self/cgroup
	assert_success
	while read -r line; do
		[ "${line##*:}" = "/" ] || fail "not rooted: $line"
	done <<<"$output"
}

# bats test_tags=unpriv
@test "unshare: exit status of the program passes through" {
	run "$UNSHARE" sh -c 'exit 7'
	assert_failure 7
	run "$UNSHARE" -f sh -c 'exit 9'
	assert_failure 9
}

# bats test_tags=unpriv
@test "unshare: a program killed by a signal makes unshare die the same way" {
	run sh -c "'$UNSHARE' -f sh -c 'kill -TERM \$\$'; echo \$?"
	assert_output --partial "143"
	run sh -c "'$UNSHARE' -f sh -c 'kill -KILL \$\$'; echo \$?"
	assert_output --partial "137"
}

# bats test_tags=unpriv
@test "unshare: 127 for a program not found, 126 for one that cannot run" {
	run -127 "$UNSHARE" /nonexistent/nsutils-test
	assert_output "unshare: failed to execute /nonexistent/nsutils-test: No such file or directory"
	run -126 "$UNSHARE" /etc/passwd
}

# bats test_tags=unpriv
@test "unshare: no program runs \$SHELL" {
	run env SHELL=/bin/echo "$UNSHARE"
	assert_success
}

@test "unshare: --kill-child kills the child when unshare dies" {
	require_root
	"$UNSHARE" --kill-child --pid --mount-proc sleep 300 3>&- &
	local up=$! child i
	for i in $(seq 1 100); do
		child=$(pgrep -P "$up" 2>/dev/null) && [ -n "$child" ] && break
		sleep 0.05
	done
	[ -n "$child" ] || fail "no child"
	kill -KILL "$up"
	for i in $(seq 1 100); do
		kill -0 "$child" 2>/dev/null || break
		sleep 0.05
	done
	run kill -0 "$child"
	assert_failure
	run "$UNSHARE" --kill-child=BOGUS true
	assert_failure 1
	assert_output --partial "invalid signal 'BOGUS'"
}

@test "unshare: without --forward-signals SIGTERM to unshare is held; with it, the child gets it" {
	require_root
	"$UNSHARE" -f sh -c 'trap "exit 42" TERM; sleep 2 & wait' 3>&- &
	local up=$!
	sleep 0.3
	kill -TERM "$up"
	local rc=0
	wait "$up" || rc=$?
	# held: the child finishes its sleep normally
	[ "$rc" -eq 0 ] || fail "status $rc"
	"$UNSHARE" --forward-signals sh -c 'trap "exit 42" TERM; sleep 5 & wait' 3>&- &
	up=$!
	sleep 0.3
	kill -TERM "$up"
	rc=0
	wait "$up" || rc=$?
	[ "$rc" -eq 42 ] || fail "status $rc"
}

@test "unshare: --root, --wd, --setuid, --setgid, --clear-env" {
	require_root
	run "$UNSHARE" -R / -w /etc pwd
	assert_output "/etc"
	run "$UNSHARE" -S 65534 -G 65534 sh -c 'id -u; id -g; id -G'
	assert_output $'65534\n65534\n65534'
	run env NSUTILS_TEST_VAR=1 "$UNSHARE" --clear-env /usr/bin/env
	assert_success
	refute_output --partial NSUTILS_TEST_VAR
	run "$UNSHARE" -w /nonexistent-nsutils-test true
	assert_failure 1
	assert_output "unshare: cannot change directory to /nonexistent-nsutils-test: No such file or directory"
}

@test "unshare: --keep-caps makes root's capabilities ambient, never a non-root uid's" {
	require_root
	run "$UNSHARE" -r --keep-caps grep CapAmb /proc/self/status
	assert_success
	refute_output --regexp 'CapAmb:[[:space:]]+0+$'
	# root inside becoming uid 1 drops them all, with --keep-caps too (util-linux
	# keeps none either)
	run "$UNSHARE" -r --map-users=0:100000:65536 --keep-caps -S 1 \
		grep -E '^Cap(Amb|Eff|Prm)' /proc/self/status
	assert_success
	assert_output $'CapPrm:\t0000000000000000\nCapEff:\t0000000000000000\nCapAmb:\t0000000000000000'
}

@test "unshare: --owner makes another user the owner of the user namespace" {
	require_root
	chmod 755 "$TMP"
	touch "$TMP/user"
	run "$UNSHARE" --owner=65534:65534 --user="$TMP/user" --map-root-user true
	assert_success
	# the owner may enter it without privileges
	run setpriv --reuid=65534 --regid=65534 --clear-groups "$NSENTER" --user="$TMP/user" id -u
	assert_success
	assert_output "0"
}

# bats test_tags=kernel-version
@test "unshare: --mount-binfmt mounts binfmt_misc in the new mount namespace" {
	require_root
	grep -qw binfmt_misc /proc/filesystems || modprobe binfmt_misc 2>/dev/null ||
		skip "no binfmt_misc filesystem in this kernel"
	# it implies --user and (without a directory) --mount-proc: so a PID namespace too
	run "$UNSHARE" -pf --mount-binfmt sh -c \
		'findmnt -no FSTYPE /proc/sys/fs/binfmt_misc; readlink /proc/self/ns/user'
	if [ "$status" -ne 0 ] && [[ $output == *"cannot mount binfmt_misc"* ]]; then
		skip "binfmt_misc cannot be mounted in a user namespace (Linux < 6.7)"
	fi
	assert_success
	assert_line --index 0 "binfmt_misc"
	refute_line --index 1 "$(readlink /proc/self/ns/user)"
	# without a PID namespace /proc cannot be mounted in a new user namespace
	run "$UNSHARE" --mount-binfmt true
	assert_failure 1
	assert_output "unshare: cannot mount proc on /proc: Operation not permitted"
}

# bats test_tags=kernel-version
@test "unshare: --load-interp registers an interpreter in a user namespace only" {
	require_userns
	grep -qw binfmt_misc /proc/filesystems || skip "no binfmt_misc filesystem in this kernel"
	run "$UNSHARE" -r -pf --load-interp=':nsutils-test:E::nsutest::/bin/sh:' cat /proc/sys/fs/binfmt_misc/nsutils-test
	if [ "$status" -ne 0 ] && [[ $output == *"cannot mount binfmt_misc"* ]]; then
		skip "binfmt_misc cannot be mounted in a user namespace (Linux < 6.7)"
	fi
	assert_success
	assert_line "enabled"
	assert_line "interpreter /bin/sh"
	[ ! -e /proc/sys/fs/binfmt_misc/nsutils-test ]
}

# bats test_tags=unpriv
@test "unshare: bad options and bad values exit 1 with a message" {
	run "$UNSHARE" --bogus
	assert_failure 1
	assert_line --index 0 "unshare: unrecognized option '--bogus'"
	assert_line --index 1 "Try 'unshare --help' for more information."
	run "$UNSHARE" -S nsutils-test-nosuchuser true
	assert_failure 1
	run "$UNSHARE" --owner=0 true
	assert_failure 1
	assert_output --partial "expected <uid>:<gid>"
}

@test "unshare: --owner runs the program as UID:GID for good, with no groups" {
	require_root
	start_bg "$UNSHARE" --owner=1000:1000 -r sleep 300
	# the kernel's ids, seen from outside: real, effective, saved and fs ids all 1000
	run grep -E '^(Uid|Gid|Groups):' /proc/"$TARGET"/status
	assert_line --index 0 $'Uid:\t1000\t1000\t1000\t1000'
	assert_line --index 1 $'Gid:\t1000\t1000\t1000\t1000'
	assert_line --index 2 --regexp $'^Groups:\t *$'
	# util-linux maps the caller's ids (root), not the owner's
	run cat /proc/"$TARGET"/uid_map
	assert_output "$(printf '%10s %10s %10s' 0 0 1)"
}

@test "unshare: -G must drop the supplementary groups, or fail" {
	require_root
	# setgroups is denied in a user namespace with a one-id gid map
	run "$UNSHARE" -r -G 0 id -G
	assert_failure 1
	assert_output "unshare: setgroups failed: Operation not permitted"
	run setpriv --groups=4 "$UNSHARE" -G 0 id -G
	assert_success
	assert_output "0"
}

@test "unshare: a caller that ignores SIGCHLD still gets the program's status" {
	env --ignore-signal=CHLD true 2>/dev/null || skip "env has no --ignore-signal"
	require_root
	run env --ignore-signal=CHLD "$UNSHARE" -f sh -c 'exit 3'
	assert_failure 3
	assert_output ""
}

@test "unshare: --kill-child survives the change to -S/-G ids" {
	require_root
	start_bg "$UNSHARE" --kill-child -S 65534 -G 65534 sleep 300
	local parent i
	parent=$(awk '{print $4}' /proc/"$TARGET"/stat)
	[ "$(cat /proc/"$parent"/comm)" = unshare ] || fail "parent is not unshare"
	kill -KILL "$parent"
	for i in $(seq 1 100); do
		[ -e /proc/"$TARGET" ] && [ "$(awk '{print $3}' /proc/"$TARGET"/stat)" != Z ] || break
		sleep 0.05
	done
	[ ! -e /proc/"$TARGET" ] || [ "$(awk '{print $3}' /proc/"$TARGET"/stat)" = Z ] ||
		fail "the child survived its parent"
}

@test "unshare: --kill-child works for the first process of a new PID namespace" {
	require_root
	run "$UNSHARE" -pf --kill-child sh -c 'echo alive'
	assert_success
	assert_output "alive"
}

@test "unshare: ^C to the whole process group leaves the finished bind mounts or nothing" {
	require_root
	local i j rc pid left f n rounds=60
	# software emulation makes each round ten times slower
	[ "$NSU_LANE" = vm ] && rounds=10
	for i in $(seq 1 "$rounds"); do
		touch "$TMP/net" "$TMP/uts" "$TMP/ipc"
		setsid "$UNSHARE" --net="$TMP/net" --uts="$TMP/uts" --ipc="$TMP/ipc" true 3>&- &
		pid=$!
		sleep "0.00$((RANDOM % 10))$((RANDOM % 10))"
		kill -INT -- -"$pid" 2>/dev/null || true
		rc=0
		wait "$pid" || rc=$?
		# (a zombie is no process left: the helper's reaper here may take its time)
		for j in $(seq 1 100); do
			pgrep -r R,S,D,T -g "$pid" >/dev/null || break
			sleep 0.02
		done
		left=$(pgrep -r R,S,D,T -g "$pid" -a) && fail "round $i: processes left in the group: $left"
		n=0
		for f in net uts ipc; do
			mountpoint -q "$TMP/$f" || continue
			n=$((n + 1))
			"$NSENTER" --"$f"="$TMP/$f" true || fail "round $i: $f is no namespace"
			umount "$TMP/$f"
			! mountpoint -q "$TMP/$f" || fail "round $i: two mounts stacked on $f"
		done
		# all three or none; a mount stays only when unshare got to the program
		# or ^C stopped it after that point
		[ "$n" -eq 0 ] || [ "$n" -eq 3 ] || fail "round $i: $n of 3 bind mounts left (exit $rc)"
		[ "$n" -eq 0 ] || [ "$rc" -eq 0 ] || [ "$rc" -eq 130 ] ||
			fail "round $i: exit $rc left the bind mounts"
		[ "$n" -eq 3 ] || [ "$rc" -ne 0 ] || fail "round $i: success without the bind mounts"
	done
}

@test "unshare: --whitelist-env keeps only the listed variables that are set" {
	run env -i NSUTILS_A=1 NSUTILS_B=2 PATH=/usr/bin:/bin "$UNSHARE" \
		--whitelist-env=NSUTILS_A,PATH --whitelist-env NSUTILS_NOPE /usr/bin/env
	assert_success
	assert_output $'NSUTILS_A=1\nPATH=/usr/bin:/bin'
}

@test "unshare: with \$SHELL cleared the user's shell from the password database runs" {
	local shell
	shell=$(getent passwd "$(id -u)" | cut -d: -f7)
	[ -n "$shell" ] && [ "$shell" != /bin/sh ] || skip "the user's shell is /bin/sh anyway"
	# shellcheck disable=SC2016
	run sh -c 'echo "echo \$0" | env -u SHELL "$1" --clear-env 2>/dev/null | tail -n 1' sh "$UNSHARE"
	assert_output "-${shell##*/}"
}
