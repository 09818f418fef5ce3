#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# netnsctl against the real kernel and iproute2: every subcommand, interop
# both ways, atomic add under concurrency and SIGKILL, debris, veth wiring with
# a ping across, undo on failure, and the bad-name matrix. Only nsutils-test-*
# names are made; --all runs inside a private mount namespace with its own
# /run/netns, so it never touches the machine's names.

load helpers

NETNSCTL="$NSU_BUILDDIR/netnsctl/netnsctl"

setup() {
	TMP=$(mktemp -d /tmp/nsutils-test-netnsctl.XXXXXX)
	PIDS=()
	A=$(nsu_name a)
	B=$(nsu_name b)
}

teardown() {
	local f
	stop_bg
	for f in /run/netns/nsutils-test-*-$$-"${BATS_TEST_NUMBER:-0}"; do
		[ -e "$f" ] || [ -L "$f" ] || continue
		umount -l "$f" 2>/dev/null
		rm -f "$f"
	done
	rm -rf "/etc/netns/$A"
	[ -n "${ETC_NETNS_MADE:-}" ] && rmdir /etc/netns 2>/dev/null
	remove_tmp
}

is_netns() {
	[ "$(stat -f -c %T "/run/netns/$1" 2>/dev/null)" = nsfs ]
}

@test "netnsctl: add makes an nsfs bind mount that ip netns uses" {
	require_root
	require_cmd ip
	run "$NETNSCTL" add "$A"
	assert_success
	assert_output ""
	is_netns "$A" || fail "/run/netns/$A is not a namespace"
	run ip netns list
	assert_line --regexp "^$A( |$)"
	run ip netns exec "$A" ip -o link show
	assert_success
	assert_output --regexp "^1: lo:"
	[ "$(ip netns exec "$A" readlink /proc/self/ns/net)" != "$(readlink /proc/self/ns/net)" ]
	# /var/run/netns is a shared mount point, as ip makes it.
	run findmnt -n -o PROPAGATION --target /run/netns
	assert_output --partial shared
	run "$NETNSCTL" delete "$A"
	assert_success
	[ ! -e "/run/netns/$A" ] || fail "name left behind"
}

@test "netnsctl: what ip netns adds, netnsctl lists, runs in and deletes" {
	require_root
	require_cmd ip
	ip netns add "$A"
	run "$NETNSCTL" list
	assert_line "$A"
	run "$NETNSCTL" show
	assert_line "$A"
	run "$NETNSCTL" exec "$A" readlink /proc/self/ns/net
	assert_output "$(ip netns exec "$A" readlink /proc/self/ns/net)"
	run "$NETNSCTL" delete "$A"
	assert_success
	ip netns list | grep -qE "^$A( |$)" && fail "ip still lists $A"
	true
}

@test "netnsctl: commands abbreviate as in ip netns (a, ls, lst, del, help)" {
	require_root
	run "$NETNSCTL" a "$A"
	assert_success
	is_netns "$A"
	run "$NETNSCTL" ls
	assert_line "$A"
	run "$NETNSCTL" lst
	assert_line "$A"
	run "$NETNSCTL" del "$A"
	assert_success
	[ ! -e "/run/netns/$A" ]
	run "$NETNSCTL" help
	assert_success
	assert_line --index 0 "Usage:"
	run "$NETNSCTL" lst --help
	assert_success
	assert_line --index 1 " netnsctl list "
	run "$NETNSCTL" list-i --help
	assert_line --index 1 " netnsctl list-id [target-nsid N] [nsid N]"
	run "$NETNSCTL" nsutils-no-such-command
	assert_failure 1
	assert_line "netnsctl: unknown command 'nsutils-no-such-command'"
}

@test "netnsctl: list is sorted, checks each entry, and -J gives ip's JSON" {
	require_root
	require_cmd jq
	"$NETNSCTL" add "$B" "$A"
	"$NETNSCTL" set "$B" auto
	run "$NETNSCTL" list
	local la lb
	la=$(grep -n "^$A\$" <<<"$output" | cut -d: -f1)
	lb=$(grep -n "^$B (id: [0-9]*)\$" <<<"$output" | cut -d: -f1)
	[ -n "$la" ] && [ -n "$lb" ] && [ "$la" -lt "$lb" ] || fail "not sorted or no id: $output"
	run "$NETNSCTL" -J list
	assert_success
	run jq -r ".[] | select(.name == \"$B\") | (.id | type)" <<<"$output"
	assert_output number
	run bash -c "'$NETNSCTL' -J list | jq -e 'type == \"array\"'"
	assert_success
}

@test "netnsctl: attach names a process's namespace; identify prints every name; pids" {
	require_root
	start_bg "$UNSHARE" -n sleep 300
	run "$NETNSCTL" attach "$A" "$TARGET"
	assert_success
	run "$NETNSCTL" attach "$B" "$TARGET"
	assert_success
	[ "$(stat -L -c %i "/run/netns/$A")" = "$(ns_ino /proc/"$TARGET"/ns/net)" ]
	run "$NETNSCTL" identify "$TARGET"
	assert_success
	assert_output "$(printf '%s\n' "$A" "$B" | sort)"
	run "$NETNSCTL" pids "$A"
	assert_success
	assert_output "$TARGET"
	run "$NETNSCTL" identify
	refute_output --partial "$A"
}

@test "netnsctl: pids finds a thread that joined a namespace on its own" {
	require_root
	start_nsthread
	run "$NETNSCTL" attach "$A" "$TID"
	assert_success
	[ "$(stat -L -c %i "/run/netns/$A")" = "$(ns_ino /proc/"$TARGET"/task/"$TID"/ns/net)" ]
	run "$NETNSCTL" pids "$A"
	assert_success
	assert_output "$TID"
	run "$NETNSCTL" identify "$TID"
	assert_output "$A"
}

@test "netnsctl: delete of a namespace still in use names the processes and succeeds" {
	require_root
	start_bg "$UNSHARE" -n sleep 300
	"$NETNSCTL" attach "$A" "$TARGET"
	run "$NETNSCTL" delete "$A"
	assert_success
	assert_output "netnsctl: $A deleted; the namespace lives on in process $TARGET"
	[ ! -e "/run/netns/$A" ]
}

@test "netnsctl: set and list-id agree with ip netns list-id" {
	require_root
	require_cmd ip
	"$NETNSCTL" add "$A"
	run "$NETNSCTL" set "$A" 4242
	assert_success
	run "$NETNSCTL" list
	assert_line "$A (id: 4242)"
	run "$NETNSCTL" list-id
	assert_line "nsid 4242 (iproute2 netns name: $A)"
	run "$NETNSCTL" list-id nsid 4242
	assert_output "nsid 4242 (iproute2 netns name: $A)"
	run ip netns list-id nsid 4242
	assert_output --partial "nsid 4242"
	run "$NETNSCTL" set "$A" 4243
	assert_failure 1
	assert_output --partial "netnsctl: cannot set the id of \"$A\" to 4243: "
	run "$NETNSCTL" set "$A" -1
	assert_failure 1
	assert_output "netnsctl: invalid id '-1': expected 0..2147483647 or auto"
}

@test "netnsctl: an ordinary user's refusals say '(needs root)' in every command" {
	require_root
	local c
	"$NETNSCTL" add "$A"
	start_bg sleep 300
	for c in "delete $A" "exec $A true" "connect $A $B" "identify $TARGET" "attach $B $TARGET" "set $A 5" "add $B"; do
		# (word splitting intended: a command line)
		# shellcheck disable=SC2086
		run setpriv --reuid=65534 --regid=65534 --clear-groups -- "$NETNSCTL" $c
		assert_failure 1
		assert_output --regexp "^netnsctl: .*: (Operation not permitted|Permission denied) \(needs root\)\$"
	done
	is_netns "$A" || fail "$A is gone"
	[ ! -e "/run/netns/$B" ] || fail "$B was made"
}

@test "netnsctl: exec mounts a read-write /sys in place of a read-only one it can unmount, as ip netns exec" {
	require_root
	"$NETNSCTL" add "$A"
	# (a /sys made read-only in a mount namespace of the test's own, as inside a container)
	run unshare -m --propagation private sh -c 'mount -o remount,bind,ro /sys && "$1" exec "$2" findmnt -no OPTIONS /sys' \
		sh "$NETNSCTL" "$A"
	assert_success
	assert_output --regexp "^rw,"
	run unshare -m --propagation private sh -c 'mount -o remount,bind,ro /sys && ip netns exec "$1" findmnt -no OPTIONS /sys' \
		sh "$A"
	assert_output --regexp "^rw,"
}

@test "netnsctl: exec enters the namespace with its own /sys and /etc/netns files" {
	require_root
	"$NETNSCTL" add "$A"
	# A veth pair (the VM kernel has no dummy module in its initramfs set).
	ip -n "$A" link add nsutils-test-d type veth peer name nsutils-test-e
	run "$NETNSCTL" exec "$A" ls /sys/class/net
	assert_success
	assert_output "$(printf '%s\n' lo nsutils-test-d nsutils-test-e)"
	[ -d /etc/netns ] || { mkdir /etc/netns; ETC_NETNS_MADE=1; }
	mkdir "/etc/netns/$A"
	echo nsutils-test-host >"/etc/netns/$A/hostname"
	run "$NETNSCTL" exec "$A" cat /etc/hostname
	assert_output nsutils-test-host
	[ "$(cat /etc/hostname)" != nsutils-test-host ] || fail "/etc/hostname changed outside"
	# a file with no counterpart in /etc: said, and the program runs, as with ip netns exec
	echo x >"/etc/netns/$A/nsutils-test-absent"
	run "$NETNSCTL" exec "$A" cat /etc/hostname
	assert_success
	assert_output "$(printf '%s\n' "netnsctl: cannot bind /etc/netns/$A/nsutils-test-absent on /etc/nsutils-test-absent: No such file or directory" nsutils-test-host)"
	rm "/etc/netns/$A/nsutils-test-absent"
	run "$NETNSCTL" exec "$A" sh -c 'exit 7'
	assert_failure 7
	run -127 "$NETNSCTL" exec "$A" nsutils-test-no-such-program
	run "$NETNSCTL" exec "$A"
	assert_failure 1
}

@test "netnsctl: connect wires two namespaces with veth and they ping" {
	require_root
	require_cmd ping
	"$NETNSCTL" add "$A" "$B"
	run "$NETNSCTL" connect "$A=192.0.2.1/24" "$B=192.0.2.2/24"
	assert_success
	local ia ib
	ia=$(printf 'veth-%.10s' "$B")
	ib=$(printf 'veth-%.10s' "$A")
	run ip -n "$A" -o -4 addr show dev "$ia"
	assert_output --partial "inet 192.0.2.1/24"
	run ip -n "$B" -o -4 addr show dev "$ib"
	assert_output --partial "inet 192.0.2.2/24"
	run ip -n "$A" -o link show lo
	assert_output --partial ",UP"
	run "$NETNSCTL" exec "$A" ping -c 1 -W 5 192.0.2.2
	assert_success
	run "$NETNSCTL" exec "$B" ping -c 1 -W 5 192.0.2.1
	assert_success
}

@test "netnsctl: connect with interface names, IPv6, and the current namespace as -" {
	require_root
	require_cmd ping
	"$NETNSCTL" add "$A"
	# "-" is the namespace netnsctl runs in: a fresh one here, never the machine's.
	# (Checked from inside: the pair goes with that namespace when sh exits.)
	run "$UNSHARE" -n sh -c "'$NETNSCTL' connect -:nsutils-t0=198.51.100.1/24 '$A:eth9=198.51.100.2/24' &&
		ping -c 1 -W 5 198.51.100.2 >/dev/null && ip -n '$A' -o link show eth9"
	assert_success
	assert_output --partial "eth9@"
	"$NETNSCTL" add "$B"
	"$NETNSCTL" connect "$A:v6a=2001:db8::1/64" "$B:v6b=2001:db8::2/64"
	run ip -n "$B" -o -6 addr show dev v6b
	assert_output --partial "2001:db8::2/64"
}

@test "netnsctl: disconnect removes the pair of an end, or every pair of a namespace, both ends" {
	require_root
	"$NETNSCTL" add "$A" "$B"
	"$NETNSCTL" connect "$A:a1=192.0.2.1/24" "$B:b1=192.0.2.2/24"
	"$NETNSCTL" connect "$A:a2" "$B:b2"
	# one inside A itself: disconnect A removes it once, though both its ends are in A
	"$NETNSCTL" connect "$A:a3" "$A:a4"
	run "$NETNSCTL" disconnect "$B:b1"
	assert_success
	assert_output ""
	run ip -n "$A" -o link show dev a1
	assert_failure
	run ip -n "$B" -o link show dev b1
	assert_failure
	ip -n "$B" -o link show dev b2 >/dev/null || fail "b2 went too"
	run "$NETNSCTL" disconnect "$A"
	assert_success
	[ "$(ip -n "$A" -o link show type veth)" = "" ] || fail "veth left in A: $(ip -n "$A" -o link show type veth)"
	[ "$(ip -n "$B" -o link show type veth)" = "" ] || fail "veth left in B: $(ip -n "$B" -o link show type veth)"
	ip -n "$A" -o link show dev lo >/dev/null || fail "lo is gone"
	# again: nothing to remove, said, exit 1
	run "$NETNSCTL" disconnect "$A"
	assert_failure 1
	assert_output "netnsctl: cannot disconnect $A: no veth pair in $A"
	# a bad argument among good ones removes nothing
	"$NETNSCTL" connect "$A:a5" "$B:b5"
	run "$NETNSCTL" disconnect "$A:a5" "$B:nope"
	assert_failure 1
	assert_output "netnsctl: cannot disconnect $B:nope: no interface nope in $B"
	ip -n "$A" -o link show dev a5 >/dev/null || fail "a5 was removed"
}

@test "netnsctl: connect takes interface names of any bytes the kernel takes (UTF-8)" {
	require_root
	"$NETNSCTL" add "$A"
	"$NETNSCTL" add "$B"
	run "$NETNSCTL" connect "$A:é1" "$B:zé"
	assert_success
	run ip -n "$A" -o link show dev é1
	assert_success
	run ip -n "$B" -o link show dev zé
	assert_success
}

@test "netnsctl: a connect that fails leaves nothing behind" {
	require_root
	"$NETNSCTL" add "$A" "$B"
	# Taken name: the pair is never made.
	ip -n "$B" link add "veth-x" type veth peer name "veth-xp"
	run "$NETNSCTL" connect "$A:veth-y" "$B:veth-x"
	assert_failure 1
	assert_output --partial "cannot create veth pair"
	run ip -n "$A" -o link show
	refute_output --partial veth-y
	# Made, then an address is refused (IPv6 off in B): the pair goes, lo goes back down.
	ip netns exec "$B" sysctl -q -w net.ipv6.conf.default.disable_ipv6=1
	run "$NETNSCTL" connect "$A:v1=2001:db8::1/64" "$B:v2=2001:db8::2/64"
	assert_failure 1
	assert_output --partial "cannot add address 2001:db8::2/64 to v2"
	run ip -n "$A" -o link show
	refute_output --partial "v1"
	refute_output --partial ",UP"
	run ip -n "$B" -o link show
	refute_output --partial "v2"
	# Bad input is refused before anything happens.
	run "$NETNSCTL" connect "$A=192.0.2.300/24" "$B"
	assert_failure 1
	assert_output "netnsctl: invalid address '192.0.2.300' in '$A=192.0.2.300/24'"
	run "$NETNSCTL" connect "$A=192.0.2.1/33" "$B"
	assert_failure 1
	run "$NETNSCTL" connect "$A:this-name-is-too-long" "$B"
	assert_failure 1
	assert_output --partial "longer than 15 characters"
	run "$NETNSCTL" connect "$A" "$A"
	assert_failure 1
	assert_output --partial "name them"
}

@test "netnsctl: 16 concurrent adds of one name: one success, one mount, no debris" {
	require_root
	local i ok=0 fail=0
	for i in $(seq 1 16); do
		"$NETNSCTL" add "$A" >"$TMP/out.$i" 2>&1 3>&- &
		PIDS+=($!)
	done
	for i in "${!PIDS[@]}"; do
		if wait "${PIDS[$i]}"; then ok=$((ok + 1)); else fail=$((fail + 1)); fi
	done
	PIDS=()
	[ "$ok" -eq 1 ] && [ "$fail" -eq 15 ] || fail "ok=$ok fail=$fail: $(cat "$TMP"/out.*)"
	run grep -c "/run/netns/$A " /proc/self/mountinfo
	assert_output 1
	is_netns "$A" || fail "not a namespace"
	run cat "$TMP"/out.*
	assert_output --partial "File exists"
}

@test "netnsctl: debris (an add killed before its mount) is flagged, replaced and removed" {
	require_root
	# What ip netns add leaves when killed between creating the file and mounting
	# (a minute ago: a younger one is an add at work).
	install -m 0 /dev/null "/run/netns/$A"
	touch -m -d "@$(($(date +%s) - 60))" "/run/netns/$A"
	run "$NETNSCTL" list
	assert_line "$A (debris: not a namespace; 'netnsctl delete $A' removes it)"
	run "$NETNSCTL" exec "$A" true
	assert_failure 1
	assert_output --partial "is not a network namespace"
	run "$NETNSCTL" add "$A"
	assert_success
	is_netns "$A" || fail "debris not replaced"
	"$NETNSCTL" delete "$A"
	install -m 0 /dev/null "/run/netns/$A"
	run "$NETNSCTL" delete "$A"
	assert_success
	[ ! -e "/run/netns/$A" ]
}

@test "netnsctl: after an add killed with SIGKILL at any point, every command copes" {
	require_root
	local i
	for i in $(seq 1 20); do
		"$NETNSCTL" add "$A" 3>&- &
		sleep "0.00$((i % 10))"
		kill -KILL $! 2>/dev/null || true
		wait $! 2>/dev/null || true
		run "$NETNSCTL" list
		assert_success
		if [ -e "/run/netns/$A" ]; then
			# Either a working namespace or debris that list flags.
			is_netns "$A" || assert_line "$A (debris: not a namespace; 'netnsctl delete $A' removes it)"
		fi
		run "$NETNSCTL" add "$A"
		[ "$status" -eq 0 ] || assert_output --partial "File exists"
		is_netns "$A" || fail "round $i: no namespace after add"
		run "$NETNSCTL" delete "$A"
		assert_success
		[ ! -e "/run/netns/$A" ] || fail "round $i: left behind"
	done
}

@test "netnsctl: monitor reports usable adds and deletes, also ip's" {
	require_root
	require_cmd ip
	"$NETNSCTL" monitor >"$TMP/mon" 2>&1 3>&- &
	PIDS+=($!)
	sleep 0.3
	ip netns add "$A"
	"$NETNSCTL" add "$B"
	install -m 0 /dev/null "/run/netns/$(nsu_name c)"
	"$NETNSCTL" delete "$A" "$B" "$(nsu_name c)"
	local i
	for i in $(seq 1 50); do
		[ "$(grep -c -E " ($A|$B)\$" "$TMP/mon")" -ge 4 ] && break
		sleep 0.1
	done
	# (names of this test only: other suites may add namespaces meanwhile)
	run grep -E " ($A|$B|$(nsu_name c))\$" "$TMP/mon"
	assert_output "$(printf '%s\n' "add $A" "add $B" "delete $A" "delete $B")"
	run grep -v -E '^(add|delete) ' "$TMP/mon"
	assert_output ""
	"$NETNSCTL" -J monitor >"$TMP/monj" 2>&1 3>&- &
	PIDS+=($!)
	sleep 0.3
	"$NETNSCTL" add "$A"
	for i in $(seq 1 50); do
		grep -q -F "\"$A\"" "$TMP/monj" && break
		sleep 0.1
	done
	run grep -F "\"$A\"" "$TMP/monj"
	assert_output "{\"event\":\"add\",\"name\":\"$A\"}"
	ends_on_term "${PIDS[-2]}" monitor
	ends_on_term "${PIDS[-1]}" "monitor -J"
}

@test "netnsctl: delete --all and exec --all (in a private /run/netns)" {
	require_root
	run "$UNSHARE" -m --propagation private sh -c "
		mount -t tmpfs nsutils-test /run/netns || exit 99
		'$NETNSCTL' add one two || exit 98
		'$NETNSCTL' exec --all sh -c 'echo in \$(readlink /proc/self/ns/net)'
		echo status=\$?
		mkdir /run/netns/three
		'$NETNSCTL' delete --all
		echo status=\$?
		ls /run/netns"
	assert_success
	assert_line "netns: one"
	assert_line "netns: two"
	assert_line --regexp "^in net:\[[0-9]+\]$"
	assert_line "status=0"
	assert_line --partial "netnsctl: cannot remove namespace file \"/var/run/netns/three\""
	assert_line "status=1"
	assert_line three
	refute_line one
	refute_line two
}

@test "netnsctl: --all before the command, as ip -all netns" {
	require_root
	run "$UNSHARE" -m --propagation private sh -c "
		mount -t tmpfs nsutils-test /run/netns || exit 99
		'$NETNSCTL' add one two || exit 98
		'$NETNSCTL' --all exec sh -c 'echo in \$(readlink /proc/self/ns/net)'
		echo exec=\$?
		'$NETNSCTL' --all delete one
		echo names=\$?
		'$NETNSCTL' --all list
		echo list=\$?
		'$NETNSCTL' --all delete
		echo delete=\$?
		ls /run/netns | wc -l"
	assert_success
	assert_line "netns: one"
	assert_line "netns: two"
	assert_line "exec=0"
	assert_line "netnsctl: delete: --all takes no names"
	assert_line "names=1"
	assert_line "netnsctl: --all works with delete and exec only"
	assert_line "list=1"
	assert_line "delete=0"
	assert_line --index $((${#lines[@]} - 1)) "0"
}

@test "netnsctl: bad names are refused everywhere and nothing is made" {
	require_root
	local long verb
	long=$(printf 'n%.0s' $(seq 1 256))
	for verb in add delete pids; do
		for bad in "" . .. a/b "$long"; do
			run "$NETNSCTL" "$verb" "$bad"
			assert_failure 1
			assert_output --regexp "^netnsctl: invalid name '.*': (empty|not a file name|contains '/'|longer than NAME_MAX \(255\))$"
		done
	done
	run "$NETNSCTL" exec ../x true
	assert_failure 1
	run "$NETNSCTL" attach "" 1
	assert_failure 1
	[ ! -e /run/netns/a ] && [ ! -e /run/a/b ]
}

@test "netnsctl: usage errors, verb help and missing names" {
	require_root
	run "$NETNSCTL" frobnicate
	assert_failure 1
	assert_line --index 0 "netnsctl: unknown command 'frobnicate'"
	run "$NETNSCTL" add --help
	assert_success
	assert_line --index 1 " netnsctl add NAME..."
	run "$NETNSCTL" exec "$A" true
	assert_failure 1
	assert_output "netnsctl: cannot open network namespace \"$A\": No such file or directory"
	run "$NETNSCTL" delete "$A"
	assert_failure 1
	assert_output "netnsctl: cannot remove namespace file \"/var/run/netns/$A\": No such file or directory"
	run "$NETNSCTL" attach "$A" 2147483647
	assert_failure 1
	[ ! -e "/run/netns/$A" ] || fail "left a file"
	run "$NETNSCTL" identify 12x
	assert_failure 1
}

# bats test_tags=unpriv
@test "netnsctl: an unprivileged add fails with one line and leaves nothing" {
	require_unpriv
	run "$NETNSCTL" add "$A"
	assert_failure 1
	assert_output --regexp "^netnsctl: cannot (create|bind|make) .*: (Permission denied|Operation not permitted) \(needs root\)$"
	[ ! -e "/run/netns/$A" ] || fail "left /run/netns/$A"
	run "$NETNSCTL" list
	assert_success
}

@test "netnsctl: concurrent first adds, with ip's too, leave one mount on /run/netns" {
	require_root
	require_cmd ip
	local i n rounds=30
	[ "$NSU_LANE" = vm ] && rounds=10
	for i in $(seq 1 "$rounds"); do
		# counted against the /run/netns mounts already there (hidden under the new /run)
		n=$("$UNSHARE" -m sh -c "mount --make-rprivate / && mount -t tmpfs tmpfs /run &&
			before=\$(grep -c ' /run/netns ' /proc/self/mountinfo);
			for j in 1 2 3 4 5 6 7 8; do '$NETNSCTL' add nsutils-test-c\$j & done; ip netns add nsutils-test-i &
			wait; echo \$((\$(grep -c ' /run/netns ' /proc/self/mountinfo) - before))")
		[ "$n" -eq 1 ] || fail "round $i: $n mounts stacked on /run/netns"
	done
}

@test "netnsctl: an ip netns add in progress is not taken for debris" {
	require_root
	# what ip netns add has made just before its mount: a mode-0 file, not locked
	mkdir -p /run/netns
	install -m 0 /dev/null /run/netns/"$A"
	run "$NETNSCTL" add "$A"
	assert_failure 1
	assert_output "netnsctl: cannot create namespace file \"/var/run/netns/$A\": File exists"
	! mountpoint -q /run/netns/"$A" || fail "mounted over the placeholder"
}

@test "netnsctl: add of several names makes all it can and reports the rest" {
	require_root
	local c
	c=$(nsu_name c)
	"$NETNSCTL" add "$B"
	run "$NETNSCTL" add "$A" "$B" "$c"
	assert_failure 1
	assert_output "netnsctl: cannot create namespace file \"/var/run/netns/$B\": File exists"
	mountpoint -q /run/netns/"$A" && mountpoint -q /run/netns/"$c" || fail "not both made"
	"$NETNSCTL" delete "$c"
}

@test "netnsctl: symbolic links are listed as debris and deleted, never followed" {
	require_root
	mkdir -p /run/netns
	ln -s /nonexistent "/run/netns/$A"
	ln -s /etc/hostname "/run/netns/$B"
	run "$NETNSCTL" list
	assert_line "$A (debris: a symbolic link, not a namespace; 'netnsctl delete $A' removes it)"
	assert_line "$B (debris: a symbolic link, not a namespace; 'netnsctl delete $B' removes it)"
	run "$NETNSCTL" exec "$B" true
	assert_failure 1
	assert_output --partial "is a symbolic link, not a network namespace"
	run "$NETNSCTL" add "$A"
	assert_failure 1
	assert_output --partial "File exists"
	run "$NETNSCTL" delete "$A" "$B"
	assert_success
	[ ! -L "/run/netns/$A" ] && [ ! -L "/run/netns/$B" ] || fail "a link is left"
	[ -e /etc/hostname ] || fail "the link's target went"
}

@test "netnsctl: list shows an entry a live add is making, without waiting for it" {
	require_root
	require_cmd flock
	mkdir -p /run/netns
	# a placeholder held locked, as netnsctl add holds its own until the mount
	install -m 0600 /dev/null "/run/netns/$A"
	flock "/run/netns/$A" sleep 30 3>&- &
	PIDS+=($!)
	sleep 0.2
	run "$NETNSCTL" list
	assert_success
	assert_line "$A (being created)"
}

@test "netnsctl: JSON stays valid and plain text escaped whatever bytes a name holds" {
	require_root
	local odd nl
	odd=$(printf '%s-\377x' "$A")
	nl=$(printf '%s-\nx' "$A")
	ip netns add "$odd"
	ip netns add "$nl"
	"$NETNSCTL" -J list >"$TMP/json" || true
	"$NETNSCTL" list >"$TMP/plain" || true
	ip netns del "$odd"
	ip netns del "$nl"
	/usr/bin/python3 -c 'import json, sys; json.load(open(sys.argv[1], "rb"))' "$TMP/json" ||
		fail "invalid JSON: $(cat -v "$TMP/json")"
	run cat "$TMP/json"
	assert_output --partial "\"$A-\\\\xffx\""
	run cat "$TMP/plain"
	assert_line "$A-\\xffx"
	assert_line "$A-\\x0ax"
}

@test "netnsctl: ip's JSON options: -j, -json, -p, -pretty" {
	require_root
	"$NETNSCTL" add "$A"
	local opts
	for opts in "-j" "-json" "-J -p" "-json -pretty" "--json --pretty"; do
		# shellcheck disable=SC2086
		run "$NETNSCTL" $opts list
		assert_success
		/usr/bin/python3 -c 'import json, sys; json.loads(sys.argv[1])' "$output" ||
			fail "$opts: invalid JSON: $output"
		assert_output --partial "{\"name\":\"$A\"}"
	done
	run "$NETNSCTL" -j -p list
	assert_line --index 0 "["
}
