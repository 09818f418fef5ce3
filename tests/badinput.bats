#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# What each tool promises under bad input: every row of tests/badinput.rows
# (PIDs, descriptors, names, paths, numbers, keys and columns, id maps,
# options; as root, and without permission in the unprivileged lane) ends
# with its exit status and one line on stderr naming the tool, the thing and
# the reason, and leaves nothing behind: no name in /run/netns, mount, cgroup,
# file or process. A test is a category of one tool; it lists every row that
# went wrong.

load helpers
load badinput

setup_file() {
	bi_fixtures_start
}

teardown_file() {
	bi_fixtures_stop
}

setup() {
	local tool=${BATS_TEST_DESCRIPTION%%:*}
	[ "$tool" = badinput ] || [ -x "$NSU_BUILDDIR/$tool/$tool" ] || skip "$tool is not built"
	case $BATS_TEST_DESCRIPTION in
	*"(perm)"*) require_unpriv ;;
	*) require_root ;;
	esac
	[ -n "$SLEEPER" ] || fail "the fixtures did not start"
	# valgrind 3.19 answers pidfd_open with ENOSYS: the tools take their
	# fallback, whose messages differ from those the rows hold
	if [ -n "${NSU_VALGRIND:-}" ]; then
		case $BATS_TEST_DESCRIPTION in
		*"bad PIDs" | *"bad descriptors") skip "under valgrind, which lacks pidfd_open" ;;
		esac
	fi
}

@test "badinput: there are 300 rows or more, each of a known category and tool" {
	local line words n=0
	while IFS= read -r line; do
		case $line in '' | '#'*) continue ;; esac
		eval "words=($line)"
		case ${words[0]} in pid | fd | name | path | number | key | map | option | perm) ;;
		*:*) bi_row_is_for "${words[0]}" 2>"$BATS_TEST_TMPDIR/cond" || [ ! -s "$BATS_TEST_TMPDIR/cond" ] ||
			fail "$(cat "$BATS_TEST_TMPDIR/cond"): $line" ;;
		*) fail "unknown category: $line" ;;
		esac
		case ${words[0]%%:*} in pid | fd | name | path | number | key | map | option | perm) ;;
		*) fail "unknown category: $line" ;;
		esac
		case ${words[1]} in unshare | nsenter | nslist | cgctl | netnsctl) ;;
		*) fail "unknown tool: $line" ;;
		esac
		[[ ${words[2]} =~ ^[0-9]+$ ]] || fail "bad status: $line"
		n=$((n + 1))
	done <"$NSU_SRCDIR/tests/badinput.rows"
	[ "$n" -ge 300 ] || fail "only $n rows"
	# every category of every tool that has rows has a test below
	run grep -c '^@test "[a-z]*: bad ' "$BATS_TEST_FILENAME"
	[ "$output" -ge 28 ]
}

# bats test_tags=unpriv
@test "cgctl: bad input without permission (perm)" { bi_rows perm cgctl; }
# bats test_tags=unpriv
@test "netnsctl: bad input without permission (perm)" { bi_rows perm netnsctl; }
# bats test_tags=unpriv
@test "unshare: bad input without permission (perm)" { bi_rows perm unshare; }
# bats test_tags=unpriv
@test "nsenter: bad input without permission (perm)" { bi_rows perm nsenter; }

@test "cgctl: bad PIDs" { bi_rows pid cgctl; }
# The rows whose answer may depend on the cgroup layout (make check's VM lane
# runs them): cgctl's names, paths, keys and controllers. The others are
# parsed before anything touches a cgroup.
# bats test_tags=cgroup-layout
@test "cgctl: bad names" { bi_rows name cgctl; }
# bats test_tags=cgroup-layout
@test "cgctl: bad paths" { bi_rows path cgctl; }
@test "cgctl: bad numbers" { bi_rows number cgctl; }
# bats test_tags=cgroup-layout
@test "cgctl: bad keys and controllers" { bi_rows key cgctl; }
@test "cgctl: bad options" { bi_rows option cgctl; }
@test "netnsctl: bad PIDs" { bi_rows pid netnsctl; }
@test "netnsctl: bad names" { bi_rows name netnsctl; }
@test "netnsctl: bad paths" { bi_rows path netnsctl; }
@test "netnsctl: bad numbers" { bi_rows number netnsctl; }
@test "netnsctl: bad commands" { bi_rows key netnsctl; }
@test "netnsctl: bad options" { bi_rows option netnsctl; }
@test "nsenter: bad PIDs" { bi_rows pid nsenter; }
@test "nsenter: bad descriptors" { bi_rows fd nsenter; }
@test "nsenter: bad paths" { bi_rows path nsenter; }
@test "nsenter: bad numbers" { bi_rows number nsenter; }
@test "nsenter: bad options" { bi_rows option nsenter; }
@test "nslist: bad PIDs" { bi_rows pid nslist; }
@test "nslist: bad paths" { bi_rows path nslist; }
@test "nslist: bad columns, types and filters" { bi_rows key nslist; }
@test "nslist: bad options" { bi_rows option nslist; }
@test "unshare: bad names" { bi_rows name unshare; }
@test "unshare: bad paths" { bi_rows path unshare; }
@test "unshare: bad numbers" { bi_rows number unshare; }
@test "unshare: bad keys" { bi_rows key unshare; }
@test "unshare: bad id maps" { bi_rows map unshare; }
@test "unshare: bad options" { bi_rows option unshare; }
