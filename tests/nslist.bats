#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# nslist against /proc truth: inodes, process counts, columns and JSON types,
# trees (nested pid namespaces, a user namespace of an unprivileged user),
# namespaces held only by a bind mount, a descriptor or a children link,
# -p without a full scan, filters, and bad input.

load helpers

NSLIST="$NSU_BUILDDIR/nslist/nslist"

setup() {
	TMP=$(mktemp -d /tmp/nsutils-test-nslist.XXXXXX)
	PIDS=()
	NETNS=()
}

teardown() {
	local n
	stop_bg
	for n in "${NETNS[@]}"; do
		ip netns delete "$n" 2>/dev/null
	done
	remove_tmp
}

# The value of column COL (e.g. NPROCS) for namespace inode INO, from a list;
# more nslist options may follow.
col_of() {
	"$NSLIST" -l -n -o NS,"$2" "${@:3}" | awk -v ino="$1" '$1 == ino { sub(/^ *[0-9]+ +/, ""); print }'
}

# bats test_tags=unpriv
@test "nslist: the default table has lsns's columns and lists our own namespaces" {
	run --separate-stderr "$NSLIST"
	assert_success
	assert_line --index 0 --regexp '^ +NS +TYPE +NPROCS +PID +USER +COMMAND$'
	local t
	for t in mnt uts ipc net pid user cgroup; do
		run "$NSLIST" -l -n -r -o NS,TYPE
		assert_line "$(ns_ino /proc/self/ns/$t) $t"
	done
}

# bats test_tags=unpriv
@test "nslist: processes that cannot be inspected are skipped: said once to an ordinary user, not to root" {
	# As an ordinary user, most of /proc/PID/ns is closed (EACCES); as root, PID 1 may be.
	run --separate-stderr "$NSLIST" -l
	assert_success
	if [ "$(id -u)" = 0 ]; then
		[ -z "$stderr" ] || fail "stderr: $stderr"
	else
		[[ "$stderr" =~ ^nslist:\ [0-9]+\ process(es)?\ could\ not\ be\ read:\ .*\(needs\ root\)$ ]] ||
			fail "stderr: $stderr"
	fi
}

@test "nslist: as nobody, the processes it cannot read are said once, its own namespaces listed" {
	require_root
	run --separate-stderr setpriv --reuid=65534 --regid=65534 --clear-groups -- "$NSLIST" -t net
	assert_success
	[[ "$stderr" =~ ^nslist:\ [0-9]+\ process(es)?\ could\ not\ be\ read:\ (its|their)\ namespaces\ are\ not\ listed\ nor\ counted\ \(needs\ root\)$ ]] ||
		fail "stderr: $stderr"
	assert_line --index 0 --regexp '^ +NS +TYPE +NPROCS +PID +USER +NETNSID +NSFS +COMMAND$'
	assert_line --index 1 --regexp ' nobody '
}

@test "nslist: NPROCS, PID, PPID, COMMAND, UID and USER of a new namespace" {
	require_root
	start_bg "$UNSHARE" -u sh -c 'sleep 300 & sleep 300 & exec sleep 300'
	local ino first
	ino=$(ns_ino /proc/"$TARGET"/ns/uts)
	sleep 0.2
	first=$(pgrep -d' ' -f '^sleep 300$' | tr ' ' '\n' | while read -r p; do
		[ "$(ns_ino /proc/"$p"/ns/uts)" = "$ino" ] && echo "$p"; done | sort -n | head -1)
	run col_of "$ino" NPROCS
	assert_output 3
	run col_of "$ino" PID
	assert_output "$first"
	run col_of "$ino" PPID
	assert_output "$(awk '{print $4}' /proc/"$first"/stat)"
	run col_of "$ino" COMMAND
	assert_output "sleep 300"
	run col_of "$ino" UID
	assert_output 0
	run col_of "$ino" USER
	assert_output root
	run col_of "$ino" PATH
	assert_output "/proc/$first/ns/uts"
}

@test "nslist: NS argument lists the processes in that namespace" {
	require_root
	start_bg "$UNSHARE" -i sh -c 'sleep 300 & exec sleep 300'
	local ino
	ino=$(ns_ino /proc/"$TARGET"/ns/ipc)
	sleep 0.2
	run "$NSLIST" -l -n -o PID "$ino"
	assert_success
	[ "${#lines[@]}" -eq 2 ] || fail "expected 2 processes: $output"
	local p
	for p in "${lines[@]}"; do
		[ "$(ns_ino /proc/"${p// /}"/ns/ipc)" = "$ino" ] || fail "$p is not in $ino"
	done
	run "$NSLIST" 1
	assert_failure 1
	assert_output "nslist: namespace 1 not found"
}

@test "nslist: JSON keys and value types are lsns's" {
	require_root
	require_cmd jq
	run "$NSLIST" -J -l -o NS,TYPE,PATH,NPROCS,PID,PPID,COMMAND,UID,USER,NETNSID,NSFS,PNS,ONS -t net
	assert_success
	local self
	self=$(ns_ino /proc/self/ns/net)
	run jq -r ".namespaces[] | select(.ns == $self) |
		[(.ns|type), (.type|type), (.nprocs|type), (.pid|type), (.ppid|type), (.uid|type),
		 (.user|type), (.command|type), (.netnsid|type), (.nsfs|type), (.pns|type), (.ons|type)] | join(\" \")" \
		<<<"$output"
	assert_output "number string number number number number string string string null number number"
}

@test "nslist: a network namespace held only by a bind mount: NSFS, PATH, -P, HOLDERS" {
	require_root
	touch "$TMP/net"
	"$UNSHARE" --net="$TMP/net" true
	local ino
	ino=$(ns_ino "$TMP/net")
	run col_of "$ino" NPROCS
	assert_output 0
	run col_of "$ino" NSFS
	assert_output "$TMP/net"
	run col_of "$ino" PATH
	assert_output "$TMP/net"
	run "$NSLIST" -P -l -n -r -o NS,TYPE
	assert_line "$ino net"
	run "$NSLIST" -l -n -o HOLDERS "$ino"
	assert_line --index 0 "mount $TMP/net"
	# a mount namespace made meanwhile (another suite, another user) holds a
	# copy of the mount: shown as such, and nothing else
	run sh -c "'$NSLIST' -l -n -o HOLDERS '$ino' | sed 1d | grep -v -x 'mount $TMP/net in mnt:\[[0-9]*\]'"
	assert_output ""
	# lsns 2.38 does not see it; nslist must (see the issue).
	run "$NSLIST" -l -n -o NS -t net
	assert_line --regexp "^ *$ino$"
}

@test "nslist: a namespace held only by an open descriptor is found with --holders" {
	require_root
	touch "$TMP/net"
	"$UNSHARE" --net="$TMP/net" true
	local ino
	ino=$(ns_ino "$TMP/net")
	start_bg sh -c "exec 7<'$TMP/net'; exec sleep 300"
	umount -l "$TMP/net"
	# (a line more if a mount namespace made meanwhile kept a copy of the mount)
	run "$NSLIST" -l -n -o HOLDERS "$ino"
	assert_line "fd $TARGET:7"
	run col_of "$ino" NPROCS --holders
	assert_output 0
	run "$NSLIST" -l -n -o PATH "$ino"
	assert_output "/proc/$TARGET/fd/7"
	run "$NSLIST" -P -l -n -r -o NS
	assert_line "$ino"
}

@test "nslist: namespaces held only by a descriptor or a socket are listed by default, as lsns 2.41" {
	require_root
	# (a socket's namespace is read through a copy of the socket)
	require_syscall pidfd_getfd 5.6
	touch "$TMP/net" "$TMP/sock"
	"$UNSHARE" --net="$TMP/net" true
	"$UNSHARE" --net="$TMP/sock" true
	local fdino skino
	fdino=$(ns_ino "$TMP/net") skino=$(ns_ino "$TMP/sock")
	start_bg sh -c "exec 7<'$TMP/net'; exec sleep 300"
	local fdpid=$TARGET
	# a UDP socket made inside the second namespace, kept as fd 8 by a
	# process that went back to its own namespace
	start_bg /usr/bin/python3 -c 'import ctypes, os, socket, sys
libc = ctypes.CDLL(None, use_errno=True)
own = os.open("/proc/self/ns/net", os.O_RDONLY)
assert libc.setns(os.open(sys.argv[1], os.O_RDONLY), 0x40000000) == 0
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
assert libc.setns(own, 0x40000000) == 0
os.dup2(s.fileno(), 8)
os.execvp("sleep", ["sleep", "300"])' "$TMP/sock"
	umount -l "$TMP/net"
	umount -l "$TMP/sock"
	# lsns's own test (filedesc): TYPE, NPROCS and USER of the fd's namespace
	run "$NSLIST" --noheadings --raw --output TYPE,NPROCS,USER -Q "NS == $fdino"
	assert_success
	assert_output "net 0 root"
	run "$NSLIST" --noheadings --raw --output TYPE,NPROCS,USER -Q "NS == $skino"
	assert_output "net 0 root"
	run "$NSLIST" -l -n -r -o NS -t net
	assert_line "$fdino"
	assert_line "$skino"
	run "$NSLIST" -l -n -r -o NS
	assert_line "$fdino"
	assert_line "$skino"
	run "$NSLIST" -l -n -o HOLDERS "$skino"
	assert_line "socket $TARGET:8"
	# NETNSID of both, as lsns: none assigned to them
	run "$NSLIST" -n -r -o NS,NETNSID -Q "NS == $skino || NS == $fdino"
	assert_line "$skino unassigned"
	assert_line "$fdino unassigned"
	run "$NSLIST" -l -n -o HOLDERS "$fdino"
	assert_line "fd $fdpid:7"
	# -p lists that process's own namespaces only
	run "$NSLIST" -l -n -r -o NS -p "$TARGET"
	refute_line "$skino"
}

@test "nslist: the walk over many processes (read by several threads) counts each exactly" {
	require_root
	# 30 UTS namespaces of 10 processes each: more than the 256 processes
	# from which the walk reads /proc with a thread per CPU
	local i
	for i in $(seq 1 30); do
		"$UNSHARE" -u sh -c 'for i in 1 2 3 4 5 6 7 8 9; do sleep 300 & done; exec sleep 300' 3>&- &
		PIDS+=($!)
	done
	local want=300 have=0
	for i in $(seq 1 200); do
		have=0
		for p in "${PIDS[@]}"; do have=$((have + $(pgrep -c -P "$p" sleep || true) + 1)); done
		[ "$have" -ge "$want" ] && break
		sleep 0.05
	done
	[ "$have" -ge "$want" ] || fail "only $have of $want processes started"
	local p ino
	run "$NSLIST" -l -n -r -o NS,NPROCS -t uts
	assert_success
	for p in "${PIDS[@]}"; do
		ino=$(ns_ino "/proc/$p/ns/uts")
		assert_line "$ino 10"
	done
	# the same answer twice for our namespaces: nothing depends on the threads
	for p in "${PIDS[@]}"; do ns_ino "/proc/$p/ns/uts"; done | sed 's/^/^/; s/$/ /' >"$TMP/ours"
	local first
	first=$("$NSLIST" -l -n -r -o NS,TYPE,NPROCS,PID,HOLDERS | grep -f "$TMP/ours")
	[ "$(printf '%s\n' "$first" | wc -l)" -eq 30 ] || fail "not 30 lines: $first"
	run sh -c "'$NSLIST' -l -n -r -o NS,TYPE,NPROCS,PID,HOLDERS | grep -f '$TMP/ours'"
	assert_output "$first"
}

@test "nslist: a network namespace held only by a thread" {
	require_root
	start_nsthread
	local ino
	ino=$(ns_ino /proc/"$TARGET"/task/"$TID"/ns/net)
	[ "$ino" != "$(ns_ino /proc/"$TARGET"/ns/net)" ] || fail "the thread has no namespace of its own"
	run "$NSLIST" -P -l -n -r -o NS,TYPE,NPROCS,PATH
	assert_line "$ino net 0 /proc/$TARGET/task/$TID/ns/net"
	run col_of "$ino" HOLDERS
	assert_output "thread $TARGET/$TID"
}

@test "nslist: a pid namespace held only by pid_for_children" {
	require_root
	# unshare -p without --fork: the program is not in the new namespace, its first
	# child is (and the link reads back only once that child existed).
	start_bg "$UNSHARE" -p sh -c '/bin/true; exec sleep 300'
	local ino
	ino=$(ns_ino /proc/"$TARGET"/ns/pid_for_children)
	[ "$ino" != "$(ns_ino /proc/"$TARGET"/ns/pid)" ] || fail "no new pid namespace"
	run "$NSLIST" -P -l -n -r -o NS,TYPE,NPROCS,PATH
	assert_line "$ino pid 0 /proc/$TARGET/ns/pid_for_children"
	run col_of "$ino" HOLDERS
	assert_output "children of $TARGET"
}

@test "nslist: names and NETNSID of a named network namespace (iproute2's)" {
	require_root
	require_cmd ip
	local name
	name=$(nsu_name names)
	NETNS+=("$name")
	ip netns add "$name"
	ip netns set "$name" 42
	local ino
	ino=$(ns_ino /run/netns/"$name")
	run "$NSLIST" -l -n -r -o NS,NETNSID,NAME -t net
	assert_line "$ino 42 $name"
	run col_of "$(ns_ino /proc/self/ns/net)" NETNSID
	assert_output unassigned
	# Two bind mounts: one line each in a table, comma-separated with -W.
	touch "$TMP/again"
	mount --bind /run/netns/"$name" "$TMP/again"
	run "$NSLIST" -l -n -W -o NS,NSFS -t net
	assert_line --regexp "^ *$ino /run/netns/$name,$TMP/again$"
	run "$NSLIST" -l -n -o NSFS "$ino"
	run "$NSLIST" -l -o NS,NSFS -t net
	assert_line --regexp "^ *$ino /run/netns/$name$"
	assert_line --regexp "^ +$TMP/again$"
}

@test "nslist: --tree=parent nests a pid namespace inside another" {
	require_root
	start_bg "$UNSHARE" -p -f "$UNSHARE" -p -f sleep 300
	local inner outer mid
	inner=$(ns_ino /proc/"$TARGET"/ns/pid)
	mid=$(awk '{print $4}' /proc/"$TARGET"/stat)
	outer=$(ns_ino /proc/"$mid"/ns/pid)
	[ "$inner" != "$outer" ] || fail "no nested namespace"
	run col_of "$inner" PNS
	assert_output "$outer"
	run col_of "$outer" PNS
	assert_output "$(ns_ino /proc/self/ns/pid)"
	# Each level one step deeper in the tree (ASCII lines in the C locale).
	LC_ALL=C run "$NSLIST" --tree=parent -t pid -o NS
	assert_success
	assert_line "$(ns_ino /proc/self/ns/pid)"
	assert_line --regexp "^[|\`]-$outer$"
	assert_line --regexp "^[| ] [|\`]-$inner$"
}

@test "nslist: a user namespace made by an unprivileged user shows under its owner" {
	require_root
	require_userns
	start_bg setpriv --reuid=65534 --regid=65534 --clear-groups "$UNSHARE" -U -n sleep 300
	local user net
	user=$(ns_ino /proc/"$TARGET"/ns/user)
	net=$(ns_ino /proc/"$TARGET"/ns/net)
	[ "$user" != "$(ns_ino /proc/self/ns/user)" ] || fail "no new user namespace"
	run col_of "$net" ONS
	assert_output "$user"
	run col_of "$user" ONS
	assert_output "$(ns_ino /proc/self/ns/user)"
	run col_of "$user" UID
	assert_output 65534
	LC_ALL=C run "$NSLIST" -T -o NS,TYPE
	assert_success
	assert_line --regexp "^[|\`]-$user +user$"
	assert_line --regexp "^[| ] [|\`]-$net +net$"
}

@test "nslist: -p PID lists that process's namespaces" {
	require_root
	start_bg "$UNSHARE" -u -i sleep 300
	run "$NSLIST" -p "$TARGET" -l -n -r -o NS,TYPE
	assert_success
	local t
	for t in mnt uts ipc net pid user cgroup; do
		assert_line "$(ns_ino /proc/"$TARGET"/ns/$t) $t"
	done
	[ "${#lines[@]}" -eq "$(ls /proc/"$TARGET"/ns | grep -vc _for_children)" ] || fail "$output"
}

@test "nslist: -p PID without process-counting columns reads no other process" {
	require_root
	require_cmd strace
	start_bg sleep 300
	run strace -f -e trace=openat,readlinkat -o "$TMP/trace" "$NSLIST" -p "$TARGET" -o NS,TYPE,PATH,ONS
	assert_success
	# Only /proc/TARGET/... and /proc/self/... may be touched.
	run grep -Eo '"(/proc/)?[0-9]+/(ns|fd|task)[^"]*"' "$TMP/trace"
	local l
	for l in "${lines[@]}"; do
		[[ $l == *"$TARGET/"* ]] || fail "read another process: $l"
	done
}

@test "nslist: -t, -o +LIST, --output-all, -H" {
	run "$NSLIST" -t uts -t ipc -l -n -r -o TYPE
	assert_success
	local l
	for l in "${lines[@]}"; do
		[[ $l == uts || $l == ipc ]] || fail "unexpected type $l"
	done
	run "$NSLIST" -o +PATH -l
	assert_line --index 0 --regexp '^ +NS +TYPE +NPROCS +PID +USER +COMMAND +PATH$'
	run "$NSLIST" --output-all -l
	assert_line --index 0 --regexp '^ +NS +TYPE +PATH +NPROCS +PID +PPID +COMMAND +UID +USER +NETNSID +NSFS +PNS +ONS +NAME +HOLDERS$'
	run "$NSLIST" -H
	assert_success
	assert_line --regexp '^HOLDERS +<string> +what keeps the namespace alive$'
	run "$NSLIST" -H -J
	assert_line --partial '"holder": "NS"'
}

@test "nslist: -Q filters rows with scols-filter expressions" {
	require_root
	start_bg "$UNSHARE" -u sh -c 'sleep 300 & exec sleep 300'
	local ino
	ino=$(ns_ino /proc/"$TARGET"/ns/uts)
	sleep 0.2
	run "$NSLIST" -l -n -r -o NS -Q "NPROCS == 2 and TYPE == \"uts\" and NS == $ino"
	assert_success
	assert_output "$ino"
	run "$NSLIST" -l -n -r -o NS -Q "NS == $ino and (TYPE eq 'ipc' or NPROCS > 5)"
	assert_output ""
	run "$NSLIST" -l -n -r -o NS -Q "NS == $ino and COMMAND =~ \"^sleep\" and not USER != \"root\""
	assert_output "$ino"
}

# bats test_tags=unpriv
@test "nslist: bad type, column, PID, filter and namespace fail with one line" {
	run "$NSLIST" -t bogus
	assert_failure 1
	assert_line --index 0 "nslist: unknown namespace type: bogus"
	run "$NSLIST" -o NS,BOGUS
	assert_failure 1
	assert_line --index 0 "nslist: unknown column: BOGUS"
	run "$NSLIST" -p 12x
	assert_failure 1
	assert_line --index 0 --partial "nslist: invalid PID '12x'"
	# a process that is gone: no rows, exit 0, as lsns (scripts: lsns -p $pid || fallback); a note on stderr
	run --separate-stderr "$NSLIST" -p 2147483647
	assert_success
	assert_output ""
	[ "$stderr" = "nslist: cannot inspect process 2147483647: No such process" ] || fail "stderr: $stderr"
	run "$NSLIST" -Q 'NPROCS >'
	assert_failure 1
	assert_line --index 0 --partial "nslist: invalid filter 'NPROCS >'"
	run "$NSLIST" -Q 'BOGUS == 1'
	assert_failure 1
	assert_line --index 0 "nslist: invalid filter 'BOGUS == 1': unknown column: BOGUS"
	run "$NSLIST" --tree=sideways
	assert_failure 1
	assert_line --index 0 "nslist: unknown tree type: sideways"
	run "$NSLIST" notanumber
	assert_failure 1
	run "$NSLIST" -l -T
	assert_failure 1
}

# bats test_tags=unpriv
@test "nslist: a write error on stdout is an error" {
	run "$NSLIST" -l
	[ -w /dev/full ] || skip "no /dev/full"
	run bash -c "'$NSLIST' -l >/dev/full"
	assert_failure 1
	assert_output --partial "nslist: write error"
}

@test "nslist: agrees with lsns on the namespaces of our processes" {
	require_root
	require_cmd lsns
	start_bg "$UNSHARE" -u -i -n sleep 300
	local t i peer
	for t in uts ipc net; do
		# lsns 2.38 walks every process and now and then prints nothing when one
		# ends under it (the VM lane runs two suites at once): it gets three tries
		for i in 1 2 3; do
			peer=$(lsns -p "$TARGET" -t "$t" -l -n -r -o NS,TYPE,NPROCS,PID,PPID,USER,COMMAND)
			[ -z "$peer" ] || break
		done
		run "$NSLIST" -p "$TARGET" -t "$t" -l -n -r -o NS,TYPE,NPROCS,PID,PPID,USER,COMMAND
		assert_output "$peer"
	done
}

@test "nslist: -Q comparing two multi-line columns reads no freed memory" {
	require_root
	local check=(valgrind -q --error-exitcode=99)
	# an ASan build checks itself (valgrind cannot run it)
	if ldd "$NSLIST" | grep -q libasan; then
		check=()
	else
		require_cmd valgrind
	fi
	ip netns add "nsutils-test-q-$$"
	run "${check[@]}" "$NSLIST" -t net -Q 'NSFS == NAME' -o NS,NSFS,NAME
	ip netns del "nsutils-test-q-$$"
	[ "$status" -ne 99 ] || fail "valgrind: $output"
	assert_success
}

@test "nslist: deep filters and -J with -r are refused with one line" {
	local deep
	deep=$(printf '%*s' 60000 '' | tr ' ' '(')NS$(printf '%*s' 60000 '' | tr ' ' ')')
	run "$NSLIST" -Q "$deep"
	assert_failure 1
	assert_line --index 0 --partial "filter nested too deeply"
	run "$NSLIST" -Q "$(printf '%*s' 50000 '' | tr ' ' '!')NS"
	assert_failure 1
	assert_line --index 0 --partial "filter nested too deeply"
	run "$NSLIST" -J -r
	assert_failure 1
	assert_output "nslist: mutually exclusive arguments: --json --raw"
}

@test "nslist: -p TID lists the namespaces of that thread" {
	require_root
	start_nsthread
	run "$NSLIST" -p "$TID" -n -r -o NS,TYPE
	assert_success
	assert_line "$(ns_ino /proc/"$TID"/ns/net) net"
}

@test "nslist: -H prints the column list as lsns does" {
	run "$NSLIST" -H
	assert_success
	assert_line --index 0 --regexp '^ +NS <integer> +namespace identifier'
	refute_output --partial DESCRIPTION
}

@test "nslist: a namespace nobody sits in shows its owner uid, as lsns" {
	require_root
	local ino
	ip netns add "nsutils-test-o-$$"
	ino=$(ns_ino /run/netns/"nsutils-test-o-$$")
	run "$NSLIST" -n -r -o NS,UID,USER "$ino"
	ip netns del "nsutils-test-o-$$"
	assert_success
	assert_output "$ino 0 root"
}

@test "nslist: the default tree hangs a namespace only under its parent process's row" {
	require_root
	# sleep's parent is this shell, which is no namespace's first process
	start_bg "$UNSHARE" -u sleep 300
	local ino
	ino=$(ns_ino /proc/"$TARGET"/ns/uts)
	LC_ALL=C run "$NSLIST" -t uts -o NS,COMMAND
	assert_success
	assert_line --regexp "^$ino +sleep 300$"
}

@test "nslist: JSON stays valid whatever bytes a netns name holds" {
	require_root
	local odd="nsutils-test-j-$$-$(printf '\377')x"
	ip netns add "$odd"
	run "$NSLIST" -J -t net -o NS,NAME,NSFS
	ip netns del "$odd"
	assert_success
	/usr/bin/python3 -c 'import json, sys; json.loads(sys.stdin.buffer.read())' <<<"$output" ||
		fail "invalid JSON"
	assert_output --partial "\"nsutils-test-j-$$-\\\\xffx\""
}

@test "nslist: -T=parent, -T=owner and -T=process are taken as lsns takes them" {
	local t
	for t in parent owner process; do
		run "$NSU_BUILDDIR/nslist/nslist" -T="$t" -n -o NS,TYPE
		assert_success
		[ -n "$output" ] || fail "-T=$t printed nothing"
		run "$NSU_BUILDDIR/nslist/nslist" -T=nonsense
		assert_failure 1
		assert_line --index 0 "nslist: unknown tree type: nonsense"
	done
}
