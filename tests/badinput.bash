# SPDX-License-Identifier: GPL-2.0-or-later
# The bad-input matrix's runner (tests/badinput.bats): each row of
# tests/badinput.rows is one command line of one tool with the exit status it
# must end with and a pattern its one-line error must match. Every row runs in
# a session of its own, and after it nothing of its may be new: no name in
# /run/netns, no mount, no cgroup, no file in $T, no process of its session.
# What is the row's: its session's processes, anything under $BI_WORK, names
# that carry $N, and names the row's own arguments give (so "add a/b" is
# checked for an "a" or "b" left anywhere); what other users of the machine
# make and remove meanwhile is not (tests/unrelated-load shows it).
#
# A row is shell words: CATEGORY TOOL STATUS "ERE" ARG... The words are
# expanded when the row runs, so a row may use the fixtures: $N (a name
# prefix nobody else uses), $T (a directory of the test's, with an empty file
# nsfile), $G (an existing group of ours), $NS (an existing named network
# namespace of ours), $SLEEPER (a live process of ours), $ZOMBIE, $EXITED (a
# PID that has exited), $TIDX (a thread that is not a process) and $LONG (300
# bytes).
# STATUS 0 with an empty ERE is a row that must succeed with nothing on stderr.

# Everything a failed command could leave behind, minus what other suites
# (running beside this one in the VM lane) make under their own names; into
# BI_SNAP. It runs for every row, so it reads all by globbing, without a fork.
bi_snapshot() {
	local f m
	local -a all
	BI_SNAP=
	shopt -s nullglob dotglob globstar
	all=(/run/netns/* /sys/fs/cgroup/*/ /sys/fs/cgroup/*/*/ "$T"/**)
	[ -n "${G:-}" ] && all+=(/sys/fs/cgroup/"$G"/**/ /sys/fs/cgroup/*/"$G"/**/)
	shopt -u nullglob dotglob globstar
	for f in "${all[@]}"; do
		case $f in *nsutils-test-*) [[ $f == *"$N"* ]] || continue ;; esac
		BI_SNAP+="$f"$'\n'
	done
	while read -r _ _ _ _ m _; do
		case $m in *nsutils-test-*) [[ $m == *"$N"* ]] || continue ;; esac
		BI_SNAP+="mount $m"$'\n'
	done </proc/self/mountinfo
}

# The processes still in session SID, after a short grace for those exiting.
bi_session_left() {
	local i
	for i in 1 2 3 4 5 6 7 8 9 10; do
		pgrep -s "$1" >/dev/null || return 1
		sleep 0.02
	done
	pgrep -a -s "$1"
}

# Whether ENTRY (a path of bi_snapshot, or "mount PATH") is the row's, by
# the rule at the top: under $BI_WORK, carrying $N, or named by ARG....
bi_ours() { # ENTRY ARG...
	local e=${1#mount } base a c
	shift
	case $e in "$BI_WORK"/* | *"$N"*) return 0 ;; esac
	e=${e%/}
	base=${e##*/}
	for a; do
		local IFS=/
		for c in $a; do
			[ -n "$c" ] && [ "$c" != . ] && [ "$c" != .. ] && [ "$c" = "$base" ] && return 0
		done
	done
	return 1
}

# Run one row; on a mismatch print what differs and return 1.
bi_row() { # CATEGORY TOOL STATUS ERE ARG...
	local tool=$2 want=$3 re=$4 rc sid left before=$BI_SNAP err line1 extra= line
	shift 4
	# A child of a shell without job control leads no process group: setsid
	# makes the session in place, so the session is the one of $!.
	setsid timeout -k 1 20 "$NSU_BUILDDIR/$tool/$tool" "$@" \
		</dev/null >"$BI_WORK/out" 2>"$BI_WORK/err" &
	sid=$!
	wait "$sid"
	rc=$?
	err=
	IFS= read -r -d '' err <"$BI_WORK/err"
	err=${err%$'\n'}
	line1=${err%%$'\n'*}
	[ "$line1" = "$err" ] || extra=${err#*$'\n'}
	local why=()
	[ "$rc" = "$want" ] || why+=("exit status $rc, not $want")
	if [ "$want" = 0 ] && [ -z "$re" ]; then
		[ -z "$err" ] || why+=("printed on stderr: $err")
	else
		[ -s "$BI_WORK/out" ] && why+=("printed on stdout: $(head -c 200 "$BI_WORK/out")")
		case $line1 in
		"$tool: "*) ;;
		*) why+=("error does not begin with '$tool: ': $line1") ;;
		esac
		[[ ${line1#"$tool: "} =~ $re ]] || why+=("error does not match /$re/: $line1")
		# a second line may only point to --help (util-linux's usage
		# errors) or give a hint
		if [ -n "$extra" ] && ! [[ $extra =~ ^(Try\ \'$tool\ --help\'\ for\ more\ information\.|hint:\ [^$'\n']*)$ ]]; then
			why+=("more than one line on stderr: $extra")
		fi
	fi
	if left=$(bi_session_left "$sid"); then
		why+=("processes left: $left")
		pkill -KILL -s "$sid"
	fi
	bi_snapshot
	# what is new and the row's is debris; what went (another suite's work
	# beside this one, in the VM lane) is not the row's
	left=
	if [ "$before" != "$BI_SNAP" ]; then
		while IFS= read -r line; do
			bi_ours "${line#> }" "$@" && left+="$line "
		done < <(diff <(echo "$before") <(echo "$BI_SNAP") | grep '^>')
	fi
	[ -z "$left" ] || why+=("left behind: $left")
	[ ${#why[@]} -eq 0 ] && return 0
	printf '%s' "$tool"
	printf ' %q' "$@"
	printf '\n'
	printf '    %s\n' "${why[@]}"
	return 1
}

# Run every row of CATEGORY for TOOL; fail listing each row that went wrong.
# The rows run in a bash of their own: bats traces every command of a test,
# which made the rows three times slower.
bi_rows() { # CATEGORY TOOL
	bash "$NSU_SRCDIR/tests/badinput.bash" bi_rows_here "$@"
}

bi_rows_here() { # CATEGORY TOOL
	local line n=0 bad=0 words i
	# the PID rows need the zombie: a fresh one if that of setup_file is gone
	if [ "$1" = pid ] && ! bi_zombie_ok; then
		kill -KILL "$(cat "$BI_WORK/zombie-parent")" 2>/dev/null
		rm -f "$BI_WORK/zombie"
		bi_zombie_start
		for i in $(seq 1 100); do
			ZOMBIE=$(cat "$BI_WORK/zombie" 2>/dev/null)
			bi_zombie_ok && break
			sleep 0.05
		done
		bi_zombie_ok || { echo "no zombie for the PID rows: $ZOMBIE is $(awk '/^State/ {print $2}' /proc/"$ZOMBIE"/status 2>&1)"; return 1; }
	fi
	bi_snapshot
	while IFS= read -r line; do
		case $line in '' | '#'*) continue ;; esac
		eval "words=($line)"
		[ "${words[0]%%:*}" = "$1" ] && [ "${words[1]}" = "$2" ] || continue
		bi_row_is_for "${words[0]}" || continue
		n=$((n + 1))
		bi_row "${words[@]}" || bad=$((bad + 1))
	done <"$NSU_SRCDIR/tests/badinput.rows"
	[ "$n" -gt 0 ] || { echo "no rows for $2 in category $1"; return 1; }
	[ "$bad" -eq 0 ] || { echo "$bad of $n rows failed"; return 1; }
}

# A row's category may name what it is for, where our message depends on
# what the kernel has: after the category, one or more of :since-X.Y and
# :before-X.Y (the kernel's version) and :has-SYSCALL and :no-SYSCALL (a
# system call working, or not: the old-kernel lane's filter hides some).
bi_row_is_for() { # CATEGORY[:CONDITION]...
	local conds=${1#*:} c
	[ "$conds" != "$1" ] || return 0
	local IFS=:
	for c in $conds; do
		case $c in
		since-*) kernel_at_least "${c#since-}" || return 1 ;;
		before-*) ! kernel_at_least "${c#before-}" || return 1 ;;
		has-*) has_syscall "${c#has-}" || return 1 ;;
		no-*) ! has_syscall "${c#no-}" || return 1 ;;
		*) echo "bad condition '$c' in row category '$1'" >&2; return 1 ;;
		esac
	done
}

# A zombie of ours in $BI_WORK/zombie, its parent in $BI_WORK/zombie-parent:
# sh execs sleep without reaping its first child.
bi_zombie_start() {
	sh -c 'sleep 0 & echo $! >"$1"; exec sleep 1000' sh "$BI_WORK/zombie" 3>&- </dev/null &
	echo $! >"$BI_WORK/zombie-parent"
}

# Is $ZOMBIE still our zombie? (In a run with other suites beside it, the
# one of setup_file was once gone by the time the PID rows ran: reaped,
# with no sign by whom.)
bi_zombie_ok() {
	[ -n "${ZOMBIE:-}" ] && [ "$(awk '/^State/ {print $2}' /proc/"$ZOMBIE"/status 2>/dev/null)" = Z ]
}

# The fixtures the rows use (setup_file); as root also a group and a name.
bi_fixtures_start() {
	local i
	export N="nsutils-test-bad-$$" BI_WORK T G= NS= SLEEPER ZOMBIE EXITED TIDX LONG
	BI_WORK=$(mktemp -d /tmp/nsutils-test-bad.XXXXXX)
	T=$BI_WORK/t
	mkdir "$T"
	: >"$T/nsfile" # a file to bind a namespace on
	LONG=$(printf 'a%.0s' $(seq 1 300))
	sleep 1000 3>&- </dev/null >/dev/null 2>&1 &
	SLEEPER=$!
	bi_zombie_start
	sh -c 'exit 0' &
	EXITED=$!
	wait "$EXITED"
	"$NSU_BUILDDIR/tests/helpers/nsthread" >"$BI_WORK/tid" 3>&- </dev/null &
	echo $! >"$BI_WORK/nsthread"
	for i in $(seq 1 100); do
		ZOMBIE=$(cat "$BI_WORK/zombie" 2>/dev/null)
		TIDX=$(cat "$BI_WORK/tid" 2>/dev/null)
		[ -n "$TIDX" ] && bi_zombie_ok && break
		sleep 0.05
	done
	if [ "$EUID" -eq 0 ]; then
		G=$N-g
		NS=$N-ns
		"$NSU_BUILDDIR/cgctl/cgctl" create "$G" || return 1
		"$NSU_BUILDDIR/netnsctl/netnsctl" add "$NS" || return 1
	fi
}

bi_fixtures_stop() {
	kill -KILL "$SLEEPER" "$(cat "$BI_WORK/zombie-parent")" "$(cat "$BI_WORK/nsthread")" 2>/dev/null
	[ "$EUID" -eq 0 ] && remove_named "$N"
	rm -rf "$BI_WORK"
}

# As a script: run the function named by the arguments.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
	"$@"
fi
