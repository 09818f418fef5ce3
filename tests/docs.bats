#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# Docs stay true by test: for every tool that is built, --help and --version
# go to stdout with exit 0, an unknown option gives the hint and exit 1, and
# every long option of its longopts table is in its man page and completion.

load helpers

# tool directory, man page
TOOLS=(unshare:man/unshare.1 nsenter:man/nsenter.1 nslist:man/nslist.8 cgctl:man/cgctl.8
	netnsctl:man/netnsctl.8)

built_tools() {
	local t
	for t in "${TOOLS[@]}"; do
		if [ -x "$NSU_BUILDDIR/${t%%:*}/${t%%:*}" ]; then echo "$t"; fi
	done
}

# The long option names of a tool's source: the entries of its option tables,
# and those of the shared namespace options when it uses them.
long_options() {
	local files=("$NSU_SRCDIR/$1"/*.c)
	grep -q NSU_NS_LONGOPTIONS "${files[@]}" && files+=("$NSU_SRCDIR/common/nstypes.h")
	sed -n 's/^[[:space:]]*{"\([a-z][a-z0-9-]*\)",[[:space:]]*\(no\|required\|optional\)_argument.*/\1/p' \
		"${files[@]}" | sort -u
}

# bats test_tags=unpriv
@test "docs: at least one tool is built" {
	run built_tools
	assert_success
	[ -n "$output" ]
}

# bats test_tags=unpriv
@test "docs: --help and --version print to stdout and exit 0" {
	local t tool
	for t in $(built_tools); do
		tool=${t%%:*}
		run --separate-stderr "$NSU_BUILDDIR/$tool/$tool" --help
		assert_success
		assert_line --index 0 "Usage:"
		assert_line "For more details see $(basename "${t#*:}" | sed 's/\.\([0-9]\)$/(\1)/')."
		[ -z "$stderr" ] || fail "$tool --help wrote to stderr"
		run --separate-stderr "$NSU_BUILDDIR/$tool/$tool" --version
		assert_success
		assert_output --regexp "^$tool from nsutils [0-9]+\.[0-9]+\.[0-9]+$"
	done
}

# bats test_tags=unpriv
@test "docs: an unknown option gives the hint and exit 1" {
	local t tool
	for t in $(built_tools); do
		tool=${t%%:*}
		run "$NSU_BUILDDIR/$tool/$tool" --nsutils-no-such-option
		assert_failure 1
		assert_line "Try '$tool --help' for more information."
	done
}

@test "docs: every long option is in the man page, --help and the completion" {
	local t tool page opt
	for t in $(built_tools); do
		tool=${t%%:*}
		page="$NSU_SRCDIR/${t#*:}"
		[ -f "$page" ] || fail "$page is missing"
		[ -f "$NSU_SRCDIR/completions/$tool" ] || fail "completions/$tool is missing"
		for opt in $(long_options "$tool"); do
			grep -q -- "Fl -$opt\b" "$page" || fail "$tool: --$opt is not in ${t#*:}"
			grep -q -- "--$opt\b" "$NSU_SRCDIR/completions/$tool" ||
				fail "$tool: --$opt is not in completions/$tool"
			"$NSU_BUILDDIR/$tool/$tool" --help | grep -q -- "--$opt\b" ||
				fail "$tool: --$opt is not in --help"
		done
	done
}

@test "docs: man pages are mandoc -Tlint clean and have EXAMPLES and EXIT STATUS" {
	require_cmd mandoc
	local t page
	for t in $(built_tools); do
		page="$NSU_SRCDIR/${t#*:}"
		run mandoc -Tlint -W warning "$page"
		assert_success
		assert_output ""
		grep -q '^\.Sh EXAMPLES' "$page" || fail "$page has no EXAMPLES"
		grep -q '^\.Sh EXIT STATUS' "$page" || fail "$page has no EXIT STATUS"
	done
}

@test "docs: completions load in bash and complete long options" {
	[ -f /usr/share/bash-completion/bash_completion ] || skip "bash-completion is not installed"
	local t tool
	for t in $(built_tools); do
		tool=${t%%:*}
		run bash -c "source /usr/share/bash-completion/bash_completion; source '$NSU_SRCDIR/completions/$tool'
			COMP_WORDS=($tool --he); COMP_CWORD=1; COMP_LINE='$tool --he'; COMP_POINT=\${#COMP_LINE}
			_nsutils_$tool; echo \"\${COMPREPLY[*]}\""
		assert_success
		assert_output --partial -- "--help"
	done
}

# bats test_tags=unpriv
@test "docs: writing to a full disk is an error" {
	[ -w /dev/full ] || skip "no /dev/full"
	local t tool
	for t in $(built_tools); do
		tool=${t%%:*}
		run sh -c "'$NSU_BUILDDIR/$tool/$tool' --help > /dev/full"
		assert_failure 1
		assert_output --partial "$tool: write error"
	done
}

# The EXAMPLES of a man page as shell text: each .Bd -literal block, then an
# empty line; mandoc's escapes (\e, \&) undone.
examples_of() { # page
	awk '/^\.Sh EXAMPLES/ { on = 1; next } /^\.Sh / { on = 0 }
		on && /^\.Bd -literal/ { lit = 1; next } on && /^\.Ed/ { lit = 0; print ""; next }
		on && lit { print }' "$1" | sed -e 's/\\e/\\/g' -e 's/\\&//g'
}

teardown() {
	if [ -n "${EXAMPLES_GROUP:-}" ] && [ -x "$NSU_BUILDDIR/cgctl/cgctl" ]; then
		"$NSU_BUILDDIR/cgctl/cgctl" delete --kill --recursive "$EXAMPLES_GROUP" >/dev/null 2>&1 || true
	fi
	[ -z "${TMP:-}" ] || rm -rf "$TMP"
}

@test "docs: every EXAMPLES block of cgctl.8 runs and succeeds" {
	require_root
	[ -x "$NSU_BUILDDIR/cgctl/cgctl" ] || skip "cgctl is not built"
	[ -d /sys/fs/cgroup ] || skip "no /sys/fs/cgroup"
	local block n=0
	TMP=$(mktemp -d /tmp/nsutils-test-docs.XXXXXX)
	EXAMPLES_GROUP=$(nsu_name docs)
	"$NSU_BUILDDIR/cgctl/cgctl" create "$EXAMPLES_GROUP"
	# make -j4 of the job example: a Makefile with nothing to do
	printf 'all:\n\t@true\n' >"$TMP/Makefile"
	# Each block in one shell, in our own subtree: the example's groups below
	# $EXAMPLES_GROUP, its user an existing one; stdin empty (exec ... sh ends).
	while IFS= read -r -d '' block; do
		block=$(printf '%s\n' "$block" | sed -E \
			-e "s#(^| )(demo|pinned|limited|jobs|users)(/| |\$)#\\1$EXAMPLES_GROUP/\\2\\3#g" \
			-e 's#--owner alice#--owner nobody#')
		n=$((n + 1))
		run env PATH="$NSU_BUILDDIR/cgctl:$PATH" bash -e -c "cd '$TMP'; $block; wait" </dev/null
		[ "$status" -eq 0 ] || fail "example $n failed ($status): $block
$output"
	done < <(examples_of "$NSU_SRCDIR/man/cgctl.8" | awk 'BEGIN { RS = ""; ORS = "\0" } { print }')
	[ "$n" -ge 5 ] || fail "only $n examples found"
}

# What bash completion offers for a command line of TOOL (the last word being completed).
complete_words() { # tool word...
	local tool=$1
	shift
	bash -c 'source /usr/share/bash-completion/bash_completion; source "$0"; tool=$1; shift
		COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
		"_nsutils_$tool" 2>/dev/null; printf "%s\n" "${COMPREPLY[@]}"' \
		"$NSU_SRCDIR/completions/$tool" "$tool" "$@"
}

# bats test_tags=unpriv
@test "docs: completion goes on into the program: netnsctl exec, nsenter, unshare" {
	[ -f /usr/share/bash-completion/bash_completion ] || skip "bash-completion is not installed"
	# the program's own completion takes over: ip's objects after "ip" (no command is named netns)
	[ -f /usr/share/bash-completion/completions/ip ] || skip "no bash completion for ip"
	run complete_words netnsctl netnsctl exec red ip netn
	assert_line netns
	run complete_words netnsctl netnsctl exec --all ip netn
	assert_line netns
	run complete_words nsenter nsenter -t 1 -n ip netn
	assert_line netns
	run complete_words unshare unshare --setgroups deny -r ip netn
	assert_line netns
	# signal names keep their digits
	run complete_words unshare unshare --kill-child=SIGRTMIN+
	assert_line SIGRTMIN+3
	run complete_words unshare unshare --kill-child=SIGUS
	assert_line SIGUSR1
}
