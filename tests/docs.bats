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
@test "build: make clean removes what the build made, never a source file" {
	[ "${NSU_LANE:-}" != vm ] || skip "the VM lane's build tree is the host's"
	[ -f "$NSU_BUILDDIR/Makefile" ] || skip "no Makefile in $NSU_BUILDDIR"
	local f bad=
	# what clean would remove, without removing it
	for f in $(make -s -n -C "$NSU_BUILDDIR" clean 2>/dev/null | sed -n 's/.*rm -f //p'); do
		case $f in
		*.bats | *.lane | *.c | *.h | *.sh | *.am | *.rows | *.bash | *.md | *.[0-9]) bad+=" $f" ;;
		esac
	done
	[ -z "$bad" ] || fail "make clean would remove sources:$bad"
}

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

# The long options a text names (after PREFIX), one a line, sorted.
named_options() { # PREFIX
	grep -o -- "$1-[a-z][a-z0-9-]*" | sed "s/^$1-//" | sort -u
}

@test "docs: every long option is in the man page, --help and the completion" {
	local t tool page missing
	# each text read once (a process per option and place took a minute under emulation)
	for t in $(built_tools); do
		tool=${t%%:*}
		page="$NSU_SRCDIR/${t#*:}"
		[ -f "$page" ] || fail "$page is missing"
		[ -f "$NSU_SRCDIR/completions/$tool" ] || fail "completions/$tool is missing"
		missing=$(comm -23 <(long_options "$tool") <(named_options 'Fl ' <"$page"))
		[ -z "$missing" ] || fail "$tool: not in ${t#*:}: $missing"
		missing=$(comm -23 <(long_options "$tool") <(named_options '-' <"$NSU_SRCDIR/completions/$tool"))
		[ -z "$missing" ] || fail "$tool: not in completions/$tool: $missing"
		missing=$(comm -23 <(long_options "$tool") <("$NSU_BUILDDIR/$tool/$tool" --help | named_options '-'))
		[ -z "$missing" ] || fail "$tool: not in --help: $missing"
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

# bats test_tags=unpriv
@test "docs: man pages render at 80 columns: no overlong line, nested quote or stray request" {
	require_cmd man
	local t page text
	for t in $(built_tools); do
		page="$NSU_SRCDIR/${t#*:}"
		run --separate-stderr env MANWIDTH=80 LC_ALL=C.UTF-8 man -l "$page"
		assert_success
		[ -z "$stderr" ] || fail "$page: man -l says: $stderr"
		text=$(printf '%s\n' "$output" | LC_ALL=C.UTF-8 col -bx)
		[ "$(printf '%s\n' "$text" | LC_ALL=C.UTF-8 wc -L)" -le 80 ] ||
			fail "$page: lines over 80 columns:
$(printf '%s\n' "$text" | LC_ALL=C.UTF-8 awk 'length > 80')"
		# a quote opened inside a quote (nested Ql) renders as two openings
		! printf '%s\n' "$text" | grep -n "‘[^’]*‘" || fail "$page: nested quotes render garbled"
		# a request or escape the formatter did not understand shows as text
		! printf '%s\n' "$text" | grep -nE '^[[:space:]]*\.[A-Z][a-z]( |$)|\\[f(&e]' ||
			fail "$page: roff shows through"
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

# run_examples PAGE [WRAPPER...]: every EXAMPLES block of PAGE runs, in order
# (a block may use what an earlier one made), each as one `bash -e` script in
# $TMP, all under WRAPPER (e.g. a private mount and network namespace), with
# the tools of this build first on PATH and stdin empty. The names a block
# uses are rewritten by the sed -E script $EX_SED. Where a block shows
# prompts, a "# " line runs as root, a block with a "$ " line runs as nobody,
# and the other lines are the output shown, which must match (a line ending
# in "..." matches as a prefix). $EX_FAILS may name a block expected to fail
# here, as "N:message".
run_examples() {
	local page=$1 block n=0 i
	shift
	local path="$NSU_BUILDDIR/unshare:$NSU_BUILDDIR/nsenter:$NSU_BUILDDIR/nslist:$NSU_BUILDDIR/netnsctl"
	path="$path:$NSU_BUILDDIR/cgctl:$PATH"
	chmod 755 "$TMP"
	: >"$TMP/driver"
	while IFS= read -r -d '' block; do
		n=$((n + 1))
		block=$(printf '%s\n' "$block" | sed -E -e "${EX_SED:-}")
		if printf '%s\n' "$block" | grep -q '^[#$] '; then
			printf '%s\n' "$block" | sed -n 's/^[#$] //p' >"$TMP/ex$n.sh"
			printf '%s\n' "$block" | grep -v '^[#$] ' >"$TMP/ex$n.want" || true
		else
			printf '%s\n' "$block" >"$TMP/ex$n.sh"
			: >"$TMP/ex$n.want"
		fi
		echo wait >>"$TMP/ex$n.sh"
		printf '%s\n' "$block" >"$TMP/ex$n.text"
		local as=
		printf '%s\n' "$block" | grep -q '^\$ ' && as="setpriv --reuid=65534 --regid=65534 --clear-groups --"
		printf '%s bash -e %q <%s >%q 2>&1; echo $? >%q\n' "$as" "$TMP/ex$n.sh" /dev/null \
			"$TMP/ex$n.out" "$TMP/ex$n.rc" >>"$TMP/driver"
	done < <(examples_of "$page" | awk 'BEGIN { RS = ""; ORS = "\0" } { print }')
	[ "$n" -ge 1 ] || fail "$page: no examples found"
	run env PATH="$path" "$@" bash -c "cd '$TMP' && . '$TMP/driver'"
	assert_success
	for ((i = 1; i <= n; i++)); do
		local rc want got
		rc=$(cat "$TMP/ex$i.rc" 2>/dev/null || echo missing)
		if [ "${EX_FAILS%%:*}" = "$i" ]; then
			[ "$rc" != 0 ] && grep -qF -- "${EX_FAILS#*:}" "$TMP/ex$i.out" ||
				fail "$page: example $i should fail with '${EX_FAILS#*:}' here (status $rc):
$(cat "$TMP/ex$i.text")
$(cat "$TMP/ex$i.out")"
			continue
		fi
		[ "$rc" = 0 ] || fail "$page: example $i failed ($rc):
$(cat "$TMP/ex$i.text")
$(cat "$TMP/ex$i.out")"
		[ -s "$TMP/ex$i.want" ] || continue
		want=$(cat "$TMP/ex$i.want") got=$(cat "$TMP/ex$i.out")
		[ "$(wc -l <"$TMP/ex$i.want")" = "$(printf '%s\n' "$got" | wc -l)" ] ||
			fail "$page: example $i shows other output:
$want
--- got:
$got"
		paste -d '\n' "$TMP/ex$i.want" <(printf '%s\n' "$got") | while IFS= read -r w && IFS= read -r g; do
			case $w in
			*...) [ "${g#"${w%...}"}" != "$g" ] ;;
			*) [ "$w" = "$g" ] ;;
			esac || { echo "want: $w"; echo " got: $g"; exit 1; }
		done || fail "$page: example $i shows other output than the page"
	done
}

teardown() {
	if [ -n "${EXAMPLES_GROUP:-}" ] && [ -x "$NSU_BUILDDIR/cgctl/cgctl" ]; then
		"$NSU_BUILDDIR/cgctl/cgctl" delete --kill --recursive "$EXAMPLES_GROUP" >/dev/null 2>&1 || true
	fi
	[ -z "${EX_PID:-}" ] || kill -KILL "$EX_PID" 2>/dev/null || true
	[ -z "${EX_NETNS:-}" ] || ip netns delete "$EX_NETNS" 2>/dev/null || true
	[ -z "${RD_P:-}" ] || readme_teardown_names
	if [ -n "${TMP:-}" ]; then
		grep -o " $TMP/[^ ]*" /proc/self/mountinfo | sort -r | while read -r m; do umount "$m"; done
		rm -rf "$TMP"
	fi
}

# The start of a test that runs documented commands: as root, with TOOLs built,
# in a directory of its own ($TMP).
docs_setup() { # tool...
	require_root
	local t
	for t; do
		[ -x "$NSU_BUILDDIR/$t/$t" ] || skip "$t is not built"
	done
	TMP=$(mktemp -d /tmp/nsutils-test-docs.XXXXXX)
}

# A process in new PID, mount, UTS and network namespaces: its PID in EX_PID.
start_ns_target() {
	local i
	"$UNSHARE" --pid --fork --mount-proc --uts --net sleep 300 </dev/null >/dev/null 2>&1 3>&- &
	for ((i = 0; i < 100; i++)); do
		EX_PID=$(pgrep -P $! -x sleep) && return 0
		sleep 0.05
	done
	fail "the target process did not start"
}

@test "docs: every EXAMPLES block of cgctl.8 runs and succeeds" {
	require_no_coverage
	[ -d /sys/fs/cgroup ] || skip "no /sys/fs/cgroup"
	docs_setup cgctl
	EXAMPLES_GROUP=$(nsu_name docs)
	"$NSU_BUILDDIR/cgctl/cgctl" create "$EXAMPLES_GROUP"
	# make -j4 of the job example: a Makefile with nothing to do
	printf 'all:\n\t@true\n' >"$TMP/Makefile"
	# The example's groups below $EXAMPLES_GROUP, its user an existing one.
	EX_SED="s#(^| )(demo|pinned|limited|jobs|users)(/| |\$)#\\1$EXAMPLES_GROUP/\\2\\3#g;s#--owner alice#--owner nobody#"
	run_examples "$NSU_SRCDIR/man/cgctl.8"
}

@test "docs: every EXAMPLES block of unshare.1 runs and shows what the page shows" {
	require_cmd setpriv
	docs_setup unshare nsenter
	EX_SED="s#/root/uts-ns#$TMP/uts-ns#g"
	run_examples "$NSU_SRCDIR/man/unshare.1"
}

@test "docs: every EXAMPLES block of nsenter.1 runs" {
	require_cmd ss
	docs_setup nsenter unshare
	EX_NETNS=$(nsu_name docs)
	ip netns add "$EX_NETNS"
	start_ns_target
	# the inode of a pidfd of the target, as its supervisor would know it
	# (no pidfds before Linux 5.3: any inode, and example 4 says what it needs)
	local ino=5678
	EX_FAILS=
	if has_syscall pidfd_open; then
		ino=$(/usr/bin/python3 -c 'import os, sys; print(os.fstat(os.pidfd_open(int(sys.argv[1]))).st_ino)' "$EX_PID")
		# a pidfd's inode identifies a process only with pidfs (Linux 6.9)
		kernel_at_least 6.9 || EX_FAILS="4:needs pidfs"
	else
		EX_FAILS="4:needs pidfds"
	fi
	EX_SED="s#1234:5678#$EX_PID:$ino#g;s#1234#$EX_PID#g;s#/run/netns/red#/run/netns/$EX_NETNS#g"
	run_examples "$NSU_SRCDIR/man/nsenter.1"
}

@test "docs: every EXAMPLES block of nslist.8 runs" {
	docs_setup nslist unshare
	start_ns_target
	EX_SED="s#4026532177#$(stat -L -c %i "/proc/$EX_PID/ns/net")#g"
	run_examples "$NSU_SRCDIR/man/nslist.8"
}

@test "docs: every EXAMPLES block of netnsctl.8 runs" {
	require_cmd ping
	docs_setup netnsctl unshare
	start_ns_target
	local p
	p=$(nsu_name)
	# In a mount and network namespace of their own, with a /run of their
	# own: "delete --all" and the interfaces of "-:" touch nothing of the host.
	EX_SED="s#\\b(red|blue|web)\\b#$p-\\1#g;s#\\b4242\\b#$EX_PID#g"
	run_examples "$NSU_SRCDIR/man/netnsctl.8" unshare --mount --net --propagation private \
		sh -c 'mount -t tmpfs nsutils-test-run /run && exec "$@"' sh
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

# The commands of a README section: the first code span of each list item
# ("- `...`") or table row ("| job | `...` |").
readme_commands() { # section heading
	awk -v h="$1" '$0 == h { on = 1; next } /^## / { on = 0 } on' "$NSU_SRCDIR/README.md" |
		sed -n -e 's/^- `\([^`]*\)`.*/\1/p' -e 's/^| [^|]* | `\([^`]*\)` |.*/\1/p'
}

# A README command with test names: red, blue, missing, web and build become
# names of this test; 1234 the PID of a target process.
readme_run() { # command
	local cmd
	cmd=$(printf '%s\n' "$1" | sed -E -e "s/\\b(red|blue|missing)\\b/$RD_P-\\1/g" \
		-e "s#\\b(web|build)\\b#$RD_GROUP/\\1#g" -e "s/\\b1234\\b/${EX_PID:-1234}/g")
	run env PATH="$NSU_BUILDDIR/unshare:$NSU_BUILDDIR/nsenter:$NSU_BUILDDIR/nslist:$NSU_BUILDDIR/netnsctl:$NSU_BUILDDIR/cgctl:$PATH" \
		bash -c "cd '$TMP' && $cmd" </dev/null
}

readme_setup() { # tool...
	docs_setup "$@"
	RD_P=$(nsu_name rd)
	RD_GROUP=$(nsu_name rd)
	EXAMPLES_GROUP=$RD_GROUP
	"$NSU_BUILDDIR/cgctl/cgctl" create "$RD_GROUP"
}

readme_teardown_names() {
	local n
	for n in red blue missing blue2; do ip netns delete "$RD_P-$n" 2>/dev/null || true; done
}

# The v1 hierarchy a controller is mounted on, or nothing (v2 or absent).
v1_dir() { awk -v c="$1" '$3 == "cgroup" && $4 ~ "(^|,)" c "(,|$)" { print $2; exit }' /proc/self/mounts; }

@test "docs: the README's table of tools: each command line runs" {
	require_cmd ss
	readme_setup unshare nsenter nslist netnsctl cgctl
	start_ns_target
	printf 'all:\n\t@true\n' >"$TMP/Makefile"
	local cmd n=0
	while IFS= read -r cmd; do
		n=$((n + 1))
		readme_run "$cmd"
		[ "$status" -eq 0 ] || { readme_teardown_names; fail "README: '$cmd' failed ($status): $output"; }
	done < <(readme_commands "## Which tool for which job")
	readme_teardown_names
	[ "$n" -eq 5 ] || fail "the README's table has $n commands, one per tool expected"
}

@test "docs: each difference the README lists holds" {
	require_cmd ping
	readme_setup nslist netnsctl cgctl
	local cmd n=0 memv1 ino
	memv1=$(v1_dir memory)
	while IFS= read -r cmd; do
		n=$((n + 1))
		readme_teardown_names
		case $cmd in
		"nslist -t net -o NS,NAME")
			ip netns add "$RD_P-red"
			readme_run "$cmd"
			assert_success
			assert_line --regexp "^ *[0-9]+ +$RD_P-red\$"
			if command -v lsns >/dev/null; then
				run lsns -t net -o NS,NAME
				assert_failure
			fi
			;;
		"nslist -o NS,TYPE,HOLDERS")
			ip netns add "$RD_P-red"
			ino=$(stat -L -c %i "/run/netns/$RD_P-red")
			readme_run "$cmd"
			assert_success
			assert_line --regexp "^ *$ino +net +.*mount"
			if command -v lsns >/dev/null; then
				run lsns -o NS,TYPE,HOLDERS
				assert_failure
			fi
			;;
		"netnsctl add red blue")
			readme_run "$cmd"
			assert_success
			[ -e "/run/netns/$RD_P-red" ] && [ -e "/run/netns/$RD_P-blue" ] || fail "$cmd: not both added"
			# ip adds the first name and ignores the rest
			ip netns add "$RD_P-missing" "$RD_P-blue2"
			[ -e "/run/netns/$RD_P-missing" ] && [ ! -e "/run/netns/$RD_P-blue2" ] ||
				fail "ip netns add no longer ignores a second name"
			;;
		"netnsctl delete red missing blue")
			ip netns add "$RD_P-red"
			ip netns add "$RD_P-blue"
			readme_run "$cmd"
			assert_failure 1
			assert_output --partial "$RD_P-missing"
			[ ! -e "/run/netns/$RD_P-red" ] && [ ! -e "/run/netns/$RD_P-blue" ] || fail "$cmd: not both deleted"
			;;
		"netnsctl connect red=192.0.2.1/24 blue=192.0.2.2/24")
			ip netns add "$RD_P-red"
			ip netns add "$RD_P-blue"
			readme_run "$cmd"
			assert_success
			run ip netns exec "$RD_P-red" ping -c 1 -W 5 192.0.2.2
			assert_success
			;;
		"cgctl set web memory.max=64M")
			"$NSU_BUILDDIR/cgctl/cgctl" create "$RD_GROUP/web"
			readme_run "$cmd"
			assert_success
			if [ -n "$memv1" ]; then
				[ "$(cat "$memv1/$RD_GROUP/web/memory.limit_in_bytes")" = 67108864 ] || fail "v1 limit not written"
				if command -v cgset >/dev/null; then
					run cgset -r memory.max=64M "$RD_GROUP/web"
					assert_failure
				fi
			else
				[ "$(cat "/sys/fs/cgroup/$RD_GROUP/web/memory.max")" = 67108864 ] || fail "memory.max not written"
			fi
			;;
		"cgctl delete web")
			"$NSU_BUILDDIR/cgctl/cgctl" create "$RD_GROUP/web"
			"$NSU_BUILDDIR/cgctl/cgctl" exec "$RD_GROUP/web" -- sleep 60 </dev/null >/dev/null 2>&1 3>&- &
			local i
			for ((i = 0; i < 100; i++)); do
				run "$NSU_BUILDDIR/cgctl/cgctl" get "$RD_GROUP/web" pids.current
				[ "$output" = 1 ] && break
				sleep 0.05
			done
			readme_run "$cmd"
			assert_failure 1
			assert_output --partial "it has 1 process"
			readme_run "cgctl delete --kill web"
			assert_success
			;;
		"cgctl set web memory.high=64M")
			"$NSU_BUILDDIR/cgctl/cgctl" create "$RD_GROUP/web"
			readme_run "$cmd"
			if [ -n "$memv1" ]; then
				assert_failure 1
				assert_output --partial "cgroup v1 has no throttling limit"
			else
				assert_success
			fi
			;;
		"cgctl exec --rm web/job -- true")
			"$NSU_BUILDDIR/cgctl/cgctl" create "$RD_GROUP/web"
			readme_run "$cmd"
			assert_success
			run "$NSU_BUILDDIR/cgctl/cgctl" stat "$RD_GROUP/web/job"
			assert_failure
			;;
		"nsenter -t 1234 -c -u cat /proc/self/cgroup")
			local pids
			pids=$(v1_dir pids)
			"$NSU_BUILDDIR/cgctl/cgctl" create -p ${pids:+-c pids} "$RD_GROUP/web"
			"$NSU_BUILDDIR/cgctl/cgctl" exec "$RD_GROUP/web" -- sleep 60 </dev/null >/dev/null 2>&1 3>&- &
			local i
			for ((i = 0; i < 100; i++)); do
				EX_PID=$(pgrep -f "^sleep 60$" | while read -r p; do grep -q "^0::/$RD_GROUP/web\$" /proc/"$p"/cgroup 2>/dev/null && echo "$p"; done | head -n 1)
				[ -n "$EX_PID" ] && break
				sleep 0.05
			done
			readme_run "$cmd"
			assert_success
			assert_line "0::/$RD_GROUP/web"
			[ -z "$pids" ] || assert_line --regexp "^[0-9]+:pids:/$RD_GROUP/web\$"
			EX_PID=
			;;
		*) fail "the README lists a difference no test checks: $cmd" ;;
		esac
		"$NSU_BUILDDIR/cgctl/cgctl" delete --kill --recursive "$RD_GROUP/web" >/dev/null 2>&1 || true
	done < <(readme_commands "## Differences from util-linux, iproute2 and libcgroup")
	readme_teardown_names
	[ "$n" -ge 9 ] || fail "only $n differences found in the README"
}

@test "docs: installed completions follow the tools' installed names (--program-prefix)" {
	require_cmd make
	local d=$BATS_TEST_TMPDIR/dest f t
	run make -s -C "$NSU_BUILDDIR" install-completions DESTDIR="$d" transform='s/^/ns-/'
	assert_success
	for f in "$NSU_SRCDIR"/completions/*; do
		t=${f##*/}
		[ "$t" = Makemodule.am ] && continue
		[ -x "$NSU_BUILDDIR/$t/$t" ] || continue
		run grep -rx "complete -F _nsutils_$t ns-$t" "$d"
		assert_success
		[ "$(basename "$output" | cut -d: -f1)" = "ns-$t" ] || fail "ns-$t's completion installed as $output"
		[ -z "$(find "$d" -name "$t")" ] || fail "$t's completion installed under util-linux's name"
	done
	run make -s -C "$NSU_BUILDDIR" uninstall-local DESTDIR="$d" transform='s/^/ns-/'
	assert_success
	[ -z "$(find "$d" -type f)" ] || fail "uninstall left $(find "$d" -type f)"
}

@test "docs: each cgctl command's --help explains every option its synopsis shows" {
	[ -x "$NSU_BUILDDIR/cgctl/cgctl" ] || skip "cgctl is not built"
	local verb help o missing=
	for verb in $("$NSU_BUILDDIR/cgctl/cgctl" --help | awk '/^Commands:/ { on = 1; next } on && /^ [a-z]/ { print $1 }'); do
		help=$("$NSU_BUILDDIR/cgctl/cgctl" "$verb" --help)
		for o in $(sed -n 3p <<<"$help" | grep -o -- '--[a-z][a-z-]*' | sort -u); do
			[ "$o" = -- ] && continue
			grep -qE "^ +(-[a-zA-Z], )?$o( |$)" <<<"$help" || missing+=" $verb:$o"
		done
	done
	[ -z "$missing" ] || fail "not explained in the command's --help:$missing"
}
