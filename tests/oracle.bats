#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# The differential lane: the same command lines run through our unshare and
# nsenter and through util-linux's (built from its source, in $UL_ORACLE),
# comparing the exit status, what the running program sees of its
# credentials (/proc/self/status ids, groups and capabilities, id maps,
# setgroups) and its namespaces, and whether anything was said on stderr.
# Run with: make check-oracle UL_ORACLE=/path/to/util-linux/build
#
# Left out on purpose: "unshare -r --setgroups deny", which util-linux fails
# (it writes "deny" again after the gid map, and the kernel refuses that);
# ours writes it once, before the map, and runs the program.

load helpers

setup() {
	[ -n "${UL_ORACLE:-}" ] || skip "no oracle: make check-oracle UL_ORACLE=DIR"
	[ -x "$UL_ORACLE/unshare" ] && [ -x "$UL_ORACLE/nsenter" ] ||
		fail "UL_ORACLE=$UL_ORACLE has no unshare and nsenter"
	require_root
	TMP=$(mktemp -d /tmp/nsutils-test-oracle.XXXXXX)
	PIDS=()
}

teardown() {
	[ -n "${TMP:-}" ] || return 0
	stop_bg
	remove_tmp
}

PROBE='grep -E "^(Uid|Gid|Groups|Cap(Inh|Prm|Eff|Bnd|Amb)):" /proc/self/status
for f in uid_map gid_map setgroups; do echo "$f:"; cat /proc/self/$f; done'

# same TOOL ARGS...: run ours and the oracle's TOOL with ARGS (then the probe)
same() {
	local tool=$1 ours theirs
	shift
	case $tool in
	unshare) ours=$UNSHARE ;;
	nsenter) ours=$NSENTER ;;
	esac
	theirs=$UL_ORACLE/$tool
	run --separate-stderr "$ours" "$@" sh -c "$PROBE${EXTRA_PROBE:-}"
	local ours_status=$status ours_out=$output ours_err=$stderr
	run --separate-stderr "$theirs" "$@" sh -c "$PROBE${EXTRA_PROBE:-}"
	[ "$ours_status" -eq "$status" ] ||
		fail "$tool $*: exit $ours_status, util-linux $status ($ours_err | $stderr)"
	[ "$ours_out" = "$output" ] ||
		fail "$tool $*: the program sees"$'\n'"$ours_out"$'\n'"util-linux's sees"$'\n'"$output"
	# the words differ; whether something went wrong must not
	{ [ -n "$ours_err" ] && [ -n "$stderr" ]; } || { [ -z "$ours_err" ] && [ -z "$stderr" ]; } ||
		fail "$tool $*: stderr '$ours_err' against '$stderr'"
}

@test "oracle: unshare credentials and maps" {
	local a
	while IFS= read -r a; do
		# shellcheck disable=SC2086
		same unshare $a
	done <<'LIST'
-U
-r
-c
-r -G 0
-r -S 0 -G 0
--map-user=1000 --map-group=1000
--map-user=1000 --map-users=0:100000:65536
--map-group=0 --map-groups=0:0:10 -G 0
-r --map-groups=0:100000:10
-r --map-users=0:100000:65536 --map-groups=0:100000:65536
-r --map-users=0:100000:65536 --keep-caps -S 1
-U --map-users=0:100000:2000 --keep-caps -S 1000
-r --keep-caps
--owner 1000:1000 -r
--owner 1000:1000
-U --setgroups allow
--setgroups deny
-S 65534 -G 65534
-G 65534
LIST
}

@test "oracle: unshare options that imply others" {
	local a
	while IFS= read -r a; do
		# shellcheck disable=SC2086
		same unshare $a
	done <<'LIST'
--mount-binfmt
-pf --mount-proc
-pf --kill-child
-pf --kill-child -S 65534 -G 65534
LIST
}

@test "oracle: nsenter credentials, groups and namespaces" {
	local a
	start_bg unshare -r -u sleep 300
	EXTRA_PROBE='
for n in user uts; do readlink /proc/self/ns/$n; done'
	while IFS= read -r a; do
		# shellcheck disable=SC2086
		same nsenter -t "$TARGET" $a
	done <<'LIST'
-U
-U -u
-U --preserve-credentials
-U --preserve-credentials -S 0 -G 0
-U -S follow -G follow
-a
--user-parent
-u

LIST
	# supplementary groups of the caller
	run setpriv --groups=4 "$NSENTER" -t "$TARGET" -U id -G
	local ours=$output
	run setpriv --groups=4 "$UL_ORACLE/nsenter" -t "$TARGET" -U id -G
	[ "$ours" = "$output" ] || fail "groups: $ours, util-linux $output"
}

# util-linux's own lsns tests (tests/ts/lsns in its source tree, which holds
# $UL_ORACLE or is named by $UL_SRC), with nslist as the lsns they run; the
# helpers they need (lsfd, test_mkfds, test_sysinfo, mount) come from the
# oracle's build.
@test "oracle: util-linux's lsns tests pass with nslist as TS_CMD_LSNS" {
	local src=${UL_SRC:-$UL_ORACLE/..}
	[ -x "$src/tests/run.sh" ] && [ -d "$src/tests/ts/lsns" ] || skip "no util-linux source tree at $src (set UL_SRC)"
	local h
	for h in lsfd test_mkfds test_sysinfo mount umount; do
		[ -x "$UL_ORACLE/$h" ] || skip "the oracle's build has no $h (ninja -C $UL_ORACLE $h)"
	done
	run env TS_CMD_LSNS="$NSU_BUILDDIR/nslist/nslist" "$src/tests/run.sh" --builddir="$UL_ORACLE" \
		--noskip-commands --show-diff lsns
	echo "$output"
	assert_success
	assert_output --partial "All 7 tests PASSED"
}
