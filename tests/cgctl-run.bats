#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# cgctl while programs run in its groups and what it shows of them: exec's
# signals and terminal, options, JSON and keys, completion, list, monitor,
# top, and device rules. The first half of the suite is cgctl.bats; the same
# rules hold (only nsutils-test-* groups, teardown removes them everywhere).

load helpers
load cgctl

# The cgroup layout decides what every test here does: the VM lanes run them
# all (tests/vm.lane).
# bats file_tags=cgroup-layout

@test "cgctl: exec becomes the program: \$! is it, its signal and status are its own" {
	require_root
	"$CGCTL" exec "$G" -- sleep 300 3>&- &
	local pid=$! i
	PIDS+=("$pid")
	for i in $(seq 1 100); do
		[ "$(cat /proc/$pid/comm 2>/dev/null)" = sleep ] && break
		sleep 0.05
	done
	[ "$(cat /proc/$pid/comm)" = sleep ] || fail "\$! is $(cat /proc/$pid/comm), not the program"
	grep -q ":/$G\$" /proc/$pid/cgroup || fail "the program is not in $G: $(cat /proc/$pid/cgroup)"
	[ -z "$(pgrep -P "$pid")" ] || fail "the program has a child: $(pgrep -a -P "$pid")"
	kill -TERM "$pid"
	wait_bounded "$pid" "cgctl exec"
	[ "$RC" = 143 ] || fail "exit status $RC, not 143"
}

# The pid of the program a waiting cgctl (exec --rm) started.
waiting_child() { # cgctl-pid comm
	local i k
	for i in $(seq 1 100); do
		for k in $(pgrep -P "$1"); do
			[ "$(cat /proc/"$k"/comm 2>/dev/null)" = "$2" ] && { echo "$k"; return 0; }
		done
		sleep 0.05
	done
	return 1
}

# Whether process PID has N threads; whether its VmRSS is BYTES or more.
threads_are() { # pid n
	[ "$(ls "/proc/$1/task" 2>/dev/null | wc -l)" = "$2" ]
}
rss_at_least() { # pid bytes
	awk -v m="$2" '/^VmRSS:/ { exit !($2 * 1024 >= m) }' "/proc/$1/status" 2>/dev/null
}

# Wait (5 s at most) for a background PID and set RC to its exit status; fail if it runs on.
wait_bounded() { # pid what
	for _ in $(seq 1 100); do
		kill -0 "$1" 2>/dev/null || break
		sleep 0.05
	done
	if kill -0 "$1" 2>/dev/null; then
		pkill -KILL -P "$1"
		kill -KILL "$1"
		fail "$2: it did not end"
	fi
	RC=0
	wait "$1" || RC=$?
}

@test "cgctl: exec --rm passes on the signals it is sent and exits as the program did" {
	require_root
	local sig prog
	for sig in TERM INT HUP QUIT USR1 USR2 WINCH CONT; do
		# INT and QUIT not ignored as for a command started with & (which the program would inherit)
		env --default-signal=INT,QUIT "$CGCTL" exec --rm "$G" -- \
			sh -c "trap 'echo got $sig; exit 7' $sig; echo ready; while :; do sleep 0.05; done" \
			>"$TMP/out" 2>&1 3>&- &
		local pid=$!
		PIDS+=("$pid")
		prog=$(waiting_child "$pid" sh) || fail "no program under cgctl"
		for _ in $(seq 1 100); do grep -q ready "$TMP/out" && break; sleep 0.05; done
		kill -"$sig" "$pid"
		wait_bounded "$pid" "cgctl exec --rm after $sig"
		[ "$RC" = 7 ] || fail "exit status $RC after $sig, not 7: $(cat "$TMP/out")"
		run cat "$TMP/out"
		assert_line "got $sig"
		[ -z "$(group_dirs)" ] || fail "--rm left $(group_dirs) after $sig"
	done
}

@test "cgctl: exec --rm: a reader that goes, or a signal cgctl has no use for, still ends as the program did" {
	require_root
	# SIGPIPE: head takes the program's line and goes before cgctl writes its
	# stats line there; the program ended well, so does cgctl
	run bash -c "'$CGCTL' exec --rm --stats '$G' -- sh -c 'echo a; sleep 0.3' 2>&1 | head -n 1; echo \"status \${PIPESTATUS[0]}\""
	assert_line a
	assert_line "status 0"
	[ -z "$(group_dirs)" ] || fail "SIGPIPE left $(group_dirs)"
	# SIGALRM: passed on, the program dies of it (not of SIGKILL), the group goes
	run timeout --preserve-status -s ALRM 0.5 "$CGCTL" exec --rm "$G" -- sleep 5
	assert_failure 142
	[ -z "$(group_dirs)" ] || fail "SIGALRM left $(group_dirs)"
}

@test "cgctl: exec --rm: a signal ignored when cgctl started stays ignored for the program" {
	require_root
	run sh -c "trap '' INT; '$CGCTL' exec --rm '$G' -- grep SigIgn /proc/self/status"
	assert_success
	# bit 2 (SIGINT) of the mask
	(( 0x${output##*:[[:space:]]} & 2 )) || fail "SIGINT is not ignored in the program: $output"
}

@test "cgctl: exec --rm: a program killed by a signal is reported as 128+N" {
	require_root
	run "$CGCTL" exec --rm "$G" -- sh -c 'kill -USR1 $$'
	assert_failure 138
}

@test "cgctl: exec --rm: the program dies with cgctl (kill -9)" {
	require_root
	"$CGCTL" exec --rm --stats "$G" -- sleep 300 3>&- &
	local pid=$! prog
	PIDS+=("$pid")
	prog=$(waiting_child "$pid" sleep) || fail "no program under cgctl"
	kill -KILL "$pid"
	for _ in $(seq 1 100); do
		[ -d /proc/"$prog" ] && [ "$(awk '/^State/ {print $2}' /proc/"$prog"/status 2>/dev/null)" != Z ] || break
		sleep 0.05
	done
	[ ! -d /proc/"$prog" ] || [ "$(awk '/^State/ {print $2}' /proc/"$prog"/status)" = Z ] ||
		fail "the program $prog runs on after cgctl was killed"
}

@test "cgctl: exec --rm: a ^C from the terminal reaches the program once" {
	require_root
	[ -x /usr/bin/python3 ] || skip "no /usr/bin/python3"
	run /usr/bin/python3 - "$CGCTL" "$G" <<'PY'
import os, pty, sys, time, select
cgctl, group = sys.argv[1], sys.argv[2]
# Counts each SIGINT by who sent it: the terminal (SI_KERNEL) or a process (cgctl forwarding it).
prog = ("import signal, time\n"
        "signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})\n"
        "n = {'kernel': 0, 'process': 0}\n"
        "print('ready', flush=True)\n"
        "end = time.time() + 3\n"
        "while time.time() < end:\n"
        "    i = signal.sigtimedwait([signal.SIGINT], 0.05)\n"
        "    if i: n['kernel' if i.si_code == 0x80 else 'process'] += 1\n"
        "print('ints', n['kernel'], n['process'], flush=True)\n")
pid, fd = pty.fork()
if pid == 0:
    os.execv(cgctl, [cgctl, "exec", "--rm", group, "--", "/usr/bin/python3", "-c", prog])
out = b""
deadline = time.time() + 20
sent, last = 0, 0.0
while time.time() < deadline:
    r, _, _ = select.select([fd], [], [], 0.1)
    if r:
        try:
            data = os.read(fd, 1024)
        except OSError:
            break
        if not data:
            break
        out += data
    # five ^C, 0.2 s apart: two copies of one signal can merge, five chances to see a second
    if b"ready" in out and sent < 5 and time.time() >= last + 0.2:
        os.write(fd, b"\x03")
        sent += 1
        last = time.time()
os.waitpid(pid, 0)
print(out.decode(errors="replace"))
PY
	assert_success
	assert_output --regexp "ints [1-5] 0"
}

@test "cgctl: options go before or after the command, -- ends them" {
	require_root
	run "$CGCTL" create "$G" pids.max=7 -p
	assert_success
	run "$CGCTL" list "$G" -J
	assert_success
	assert_output --partial '"groups": ['
	run "$CGCTL" get "$G" pids.max -J
	assert_success
	assert_output --partial '"pids.max"'
	run "$CGCTL" --json get "$G" pids.max
	assert_success
	assert_output --partial '"pids.max"'
	run "$CGCTL" controllers --root /sys/fs/cgroup
	assert_success
	run "$CGCTL" controllers --root=/nonexistent-nsutils
	assert_failure 1
	assert_output --partial "/nonexistent-nsutils"
	run "$CGCTL" exec "$G" --stats -- sh -c 'echo -J'
	assert_success
	assert_line -- "-J"
	assert_output --regexp "cgctl: $G: wall "
	run "$CGCTL" create "$G/c"
	run "$CGCTL" delete "$G" -r
	assert_success
	[ -z "$(group_dirs)" ] || fail "delete G -r left $(group_dirs)"
	run "$CGCTL" list -- -J
	assert_failure 1
	assert_output --partial -- "-J"
}

# Evaluate a Python expression over the JSON on stdin (as d); fail unless it is true.
json_check() { # expression
	/usr/bin/python3 -c 'import json, sys; d = json.load(sys.stdin); sys.exit(0 if eval(sys.argv[1]) else 1)' "$1"
}

@test "cgctl: JSON is typed: numbers in base units, max a string, lists arrays, one object for get and stat" {
	require_root
	[ -x /usr/bin/python3 ] || skip "no /usr/bin/python3"
	"$CGCTL" create "$G" memory.max=64M pids.max=max cpu.max=50%
	run "$CGCTL" get "$G" memory.max pids.max cpu.max -J
	assert_success
	echo "$output" | json_check 'd == {"memory.max": 67108864, "pids.max": "max", "cpu.max": [50000, 100000]}' ||
		fail "get -J: $output"
	run "$CGCTL" get "$G" -J
	assert_success
	echo "$output" | json_check 'type(d) is dict and d.get("pids.max") == "max"' || fail "get -J (every key): $output"
	run "$CGCTL" stat "$G" -J
	assert_success
	echo "$output" | json_check 'all(type(d[k]) is int for k in ("memory.current", "cpu.usage_usec", "pids.current", "oom_kills")) and d["frozen"] is False' ||
		fail "stat -J: $output"
	if [ -f "$(native cpu.pressure x cpu.pressure)" ] && [ -n "$V2" ]; then
		echo "$output" | json_check 'type(d["cpu.pressure"]["some"]["avg10"]) in (int, float) and type(d["cpu.pressure"]["some"]["total"]) is int' ||
			fail "stat -J pressure: $output"
	fi
	run "$CGCTL" controllers -J
	assert_success
	echo "$output" | json_check 'all(type(h["controllers"]) is list and type(h["version"]) is int for h in d["hierarchies"])' ||
		fail "controllers -J: $output"
	run "$CGCTL" list "$G" -J
	assert_success
	echo "$output" | json_check 'type(d["groups"][0]["hierarchies"]) is list and d["groups"][0]["procs"] == 0' ||
		fail "list -J: $output"
	# one string a hierarchy, never one string of them all with escaped newlines
	echo "$output" | json_check '"unified" in d["groups"][0]["hierarchies"] or "memory" in d["groups"][0]["hierarchies"]' ||
		fail "list -J hierarchies: $output"
	# human tables keep their units
	run "$CGCTL" stat "$G"
	assert_line --regexp '^memory.current +[0-9.]+[BKMG]$'
}

@test "cgctl: an unknown key is named with the nearest known one, never a bare ENOENT" {
	require_root
	run "$CGCTL" create "$G" memory.maxx=64M
	assert_failure 1
	assert_line --index 0 "cgctl: unknown key memory.maxx"
	assert_line --index 1 --partial "did you mean memory.max?"
	[ -z "$(group_dirs)" ] || fail "left $(group_dirs)"
	"$CGCTL" create "$G"
	run "$CGCTL" set "$G" cpu.weigth=50
	assert_failure 1
	assert_line --index 0 "cgctl: unknown key cpu.weigth"
	assert_line --index 1 --partial "did you mean cpu.weight?"
	run "$CGCTL" get "$G" pids.maxx
	assert_failure 1
	assert_line --index 0 "cgctl: unknown key pids.maxx"
	run "$CGCTL" exec -s nsutils.nonsense=1 "$G" -- true
	assert_failure 1
	assert_line --index 0 --partial "cgctl: unknown key nsutils.nonsense"
	refute_output --partial "No such file"
}

@test "cgctl: a v2-only key on a v1 hierarchy says which layout lacks it" {
	require_root
	require_hybrid
	run "$CGCTL" create "$G" memory.swap.max=64M
	assert_failure 1
	assert_output --regexp "^cgctl: memory.swap.max is cgroup v2 only, and this (hybrid|legacy) layout has the memory controller in a cgroup v1 hierarchy"
	# io.max has its v1 files (blkio.throttle.*): a device that is not there is the kernel's refusal, naming the file
	run "$CGCTL" create "$G" io.max="250:250 rbps=1048576"
	assert_failure 1
	assert_output --regexp "blkio\.throttle\.read_bps_device\): No such device"
	[ -z "$(group_dirs)" ] || fail "left $(group_dirs)"
	run "$CGCTL" create "$G" memory.high=64M
	assert_failure 1
	assert_output --partial "memory.high is cgroup v2 only"
	[ -z "$(group_dirs)" ] || fail "left $(group_dirs)"
}

@test "cgctl: a failed set puts v1 memory.oom_control back in the syntax it takes; v1 byte limits checked first" {
	require_root
	require_hybrid
	"$CGCTL" create -c memory "$G"
	# the second key is refused by the kernel, after the first was written
	run "$CGCTL" set "$G" memory.oom_control=1 cgroup.max.depth=bogus
	assert_failure 1
	refute_output --partial "could not put back"
	grep -qx "oom_kill_disable 0" "/sys/fs/cgroup/memory/$G/memory.oom_control" ||
		fail "$(cat "/sys/fs/cgroup/memory/$G/memory.oom_control")"
	# v1's own byte limits are checked before anything is written (and take units and max)
	run "$CGCTL" set "$G" memory.soft_limit_in_bytes=32M memory.limit_in_bytes=lots
	assert_failure 1
	assert_output --partial "invalid value 'lots' for memory.limit_in_bytes"
	[ "$(cat "/sys/fs/cgroup/memory/$G/memory.soft_limit_in_bytes")" -gt $((1 << 40)) ] || fail "soft limit written"
	run "$CGCTL" set "$G" memory.soft_limit_in_bytes=max
	assert_success
}

@test "cgctl: systemd's property names are aliases of the cgroup keys" {
	require_root
	run "$CGCTL" create "$G" MemoryMax=64M TasksMax=infinity CPUQuota=50% CPUWeight=200 AllowedCPUs=0 \
		AllowedMemoryNodes=0
	assert_success
	[ "$(cat "$(native memory.max memory memory.limit_in_bytes)")" = 67108864 ]
	[ "$(cat "$(native pids.max pids pids.max)")" = max ]
	run "$CGCTL" get "$G" memory.max pids.max cpu.max cpu.weight cpuset.cpus
	assert_output "$(printf '%s\n' 67108864 max "50000 100000" 200 0)"
	run "$CGCTL" set "$G" TasksMax=10
	assert_success
	[ "$(cat "$(native pids.max pids pids.max)")" = 10 ]
	run "$CGCTL" exec -s MemoryMax=32M "$G" -- true
	assert_success
	[ "$(cat "$(native memory.max memory memory.limit_in_bytes)")" = 33554432 ]
	run "$CGCTL" set "$G" CPUQuota=50000
	assert_failure 1
	assert_output --partial "CPUQuota takes a percentage of one CPU"
}

# What bash completion offers for the words of a cgctl command line (the last one being completed).
complete_cgctl() {
	bash -c 'source /usr/share/bash-completion/bash_completion; source "$0"
		COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
		_nsutils_cgctl 2>/dev/null; printf "%s\n" "${COMPREPLY[@]}"' "$NSU_SRCDIR/completions/cgctl" "$@"
}

@test "cgctl: completion offers groups, keys where keys go and signals (digits kept) where signals go" {
	require_root
	[ -f /usr/share/bash-completion/bash_completion ] || skip "bash-completion is not installed"
	"$CGCTL" create -p "$G/child"
	run complete_cgctl cgctl get "${G%-*}"
	assert_line "$G/"
	run complete_cgctl cgctl stat "$G/"
	assert_line "$G/child/"
	run complete_cgctl cgctl kill -s US
	assert_line USR1
	assert_line USR2
	run complete_cgctl cgctl kill --signal RTMIN+
	assert_line "RTMIN+3"
	refute_output --partial "memory.max"
	run complete_cgctl cgctl exec -s Memory
	assert_line "MemoryMax="
	run complete_cgctl cgctl set "$G" pids.
	assert_line "pids.max="
	# keys and controllers by layout: v2's memory names where v2 has memory, v1's files where v1 has it
	run complete_cgctl cgctl set "$G" memory.
	assert_line "memory.max="
	if [ -n "$V2" ]; then
		assert_line "memory.high="
		refute_line "memory.limit_in_bytes="
	else
		assert_line "memory.limit_in_bytes="
		refute_line "memory.high="
		refute_line "memory.swap.max="
	fi
	run complete_cgctl cgctl create -c ""
	assert_line memory
	assert_line pids
	# (one /proc/cgroups lists that no hierarchy here has: offered before, refused by create)
	for c in $(awk 'NR > 1 { print $1 }' /proc/cgroups); do
		grep -qw "$c" <<<"$("$CGCTL" controllers)" || refute_line "$c"
	done
	run complete_cgctl cgctl set "$G" dev
	assert_line "devices.deny="
	run complete_cgctl cgctl get "$G" dev
	assert_output devices.list
	run complete_cgctl cgctl exec "$G" -- slee
	assert_line sleep
	# top: its orders after -s, a group after -d's number
	run complete_cgctl cgctl top -s me
	assert_output memory
	run complete_cgctl cgctl top -d 2 "$G/"
	assert_line "$G/child/"
	run complete_cgctl cgctl top --it
	assert_output --iterations
}

@test "cgctl: list -p shows processes as leaves, -o chooses columns, --depth limits, -J nests" {
	require_root
	[ -x /usr/bin/python3 ] || skip "no /usr/bin/python3"
	# v2 freezes every group: freezer is a controller of v1 only
	local ctl=memory,pids
	[ -n "$V2" ] || ctl+=,freezer
	# (the CPU figure: v2's cpu.stat, or on pure v1 the cpuacct controller's)
	! pure_v1 || ctl+=,cpuacct
	"$CGCTL" create -p -c "$ctl" "$G/a/deep" pids.max=50
	"$CGCTL" create -p -c "$ctl" "$G/b"
	# (v2 allows processes only in groups that give no controllers to children)
	start_bg "$CGCTL" exec "$G/a/deep" -- sleep 301
	sleep 0.2
	LC_ALL=C run "$CGCTL" list -p "$G"
	assert_success
	# the process under its group
	assert_line --index 3 --regexp '^\| `-deep '
	assert_line --index 4 --regexp "^\|   \`-$TARGET sleep 301 *\$"
	LC_ALL=C run "$CGCTL" list -o GROUP,PATH,TASKS,PIDS.MAX,FROZEN "$G" --depth 1
	assert_success
	assert_line --index 0 --regexp '^GROUP +PATH +TASKS +PIDS.MAX +FROZEN$'
	assert_line --regexp "^\|-a +$G/a +1 +max +no\$"
	assert_line --regexp "^\`-b +$G/b +0 +max +no\$"
	refute_output --partial deep
	"$CGCTL" freeze "$G/b"
	run "$CGCTL" list -r -o PATH,PIDS.MAX,FROZEN --depth 0 "$G/a/deep"
	assert_line --index 1 "$G/a/deep 50 no"
	run "$CGCTL" list -r -o PATH,FROZEN --depth 0 "$G/b"
	assert_line --index 1 "$G/b yes"
	run "$CGCTL" list -J -p -o group,procs,pids.max,frozen,memory,cpu "$G"
	assert_success
	echo "$output" | /usr/bin/python3 -c '
import json, sys
g = json.load(sys.stdin)["groups"][0]
a, b = g["children"]
deep = a["children"][0]
sys.exit(0 if g["group"] == sys.argv[1] and a["group"] == "a" and a["procs"] == 0 and deep["procs"] == 1
	and deep["processes"] == [{"pid": int(sys.argv[2]), "command": "sleep 301"}] and a["processes"] == []
	and deep["pids.max"] == 50 and a["pids.max"] == "max" and b["frozen"] is True
	and type(a["memory"]) is int and type(a["cpu"]) is int and "children" not in b else 1)' "$G" "$TARGET" ||
		fail "list -J: $output"
	run "$CGCTL" list -o GROUP,NOPE "$G"
	assert_failure 1
	assert_line --index 0 "cgctl: unknown column: NOPE"
	assert_line --index 1 "hint: the columns: GROUP PATH PROCS TASKS MEMORY CPU PIDS.MAX MEMORY.MAX FROZEN HIERARCHIES STATE"
	run "$CGCTL" list --depth -1 "$G"
	assert_failure 1
	assert_output --regexp "^cgctl: invalid depth '-1'"
	"$CGCTL" thaw "$G/b"
}

@test "cgctl: list on a terminal cuts long lines to its width (-p command lines), -u keeps them" {
	require_root
	[ -x /usr/bin/python3 ] || skip "no /usr/bin/python3"
	"$CGCTL" create "$G"
	# (sh stays, its command line long, while its sleep runs)
	start_bg "$CGCTL" exec "$G" -- sh -c "sleep 304; : $(printf 'x%.0s' $(seq 1 150))"
	# a pty 60 columns wide: each line of the table fits, or (-u) holds the whole command line
	run /usr/bin/python3 - "$CGCTL" "$G" <<'PY'
import fcntl, os, pty, struct, sys, termios
cgctl, group = sys.argv[1], sys.argv[2]
for extra in ([], ["-u"]):
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 60, 0, 0))
        os.execv(cgctl, [cgctl, "list", "-p", "-o", "GROUP,PROCS"] + extra + [group])
    out = b""
    while True:
        try:
            data = os.read(fd, 65536)
        except OSError:
            break
        if not data:
            break
        out += data
    os.waitpid(pid, 0)
    lines = out.decode(errors="replace").replace("\r", "").splitlines()
    print(" ".join(extra) or "default", max(len(l) for l in lines))
PY
	assert_success
	[[ "$(sed -n 1p <<<"$output")" =~ ^default\ ([0-9]+)$ ]] && [ "${BASH_REMATCH[1]}" -le 60 ] || fail "$output"
	[[ "$(sed -n 2p <<<"$output")" =~ ^-u\ ([0-9]+)$ ]] && [ "${BASH_REMATCH[1]}" -gt 150 ] || fail "$output"
}

@test "cgctl: list joins what each hierarchy holds: a group in some of them, names that sort between a parent and its child" {
	require_root
	[ -x /usr/bin/python3 ] || skip "no /usr/bin/python3"
	"$CGCTL" create -p -c pids "$G/a/b"
	"$CGCTL" create -p "$G/a-x"
	start_bg "$CGCTL" exec "$G/a/b" -- sleep 302
	sleep 0.2
	run "$CGCTL" list -J -o group,path,procs,hierarchies "$G"
	assert_success
	# "a-x" sorts between "a" and "a/b": b is still a's child, and each node says where it is
	echo "$output" | /usr/bin/python3 -c '
import json, sys
g = json.load(sys.stdin)["groups"][0]
a, ax = g["children"]
b = a["children"][0]
pids = [h for h in b["hierarchies"] if h == "pids" or h == "unified"]
sys.exit(0 if a["path"].endswith("/a") and ax["path"].endswith("/a-x") and b["path"].endswith("/a/b")
	and "children" not in ax and b["procs"] == 1 and a["procs"] == 0 and set(b["hierarchies"]) == set(pids)
	and len(ax["hierarchies"]) >= len(b["hierarchies"]) else 1)' || fail "list -J: $output"
	run "$CGCTL" list -r -o PATH,PROCS "$G"
	assert_success
	assert_line --index 1 --regexp "^$G +0\$"
	assert_line --index 2 --regexp "^$G/a +0\$"
	assert_line --index 3 --regexp "^$G/a-x +0\$"
	assert_line --index 4 --regexp "^$G/a/b +1\$"
}

# voluntary context switches of PID: each is a sleep it was woken from
wakeups() {
	awk '/^voluntary_ctxt_switches/ { print $2 }' "/proc/$1/status"
}

# seconds from EPOCH (a $EPOCHREALTIME) to the ISO 8601 stamp of a monitor line
after() { # EPOCH LINE
	local t
	t=$(date -d "${2%% *}" +%s.%N)
	awk -v a="$1" -v b="$t" 'BEGIN { printf "%.3f\n", b - a }'
}

@test "cgctl: monitor sleeps until the kernel tells: no wake-ups while quiet, events at once" {
	require_root
	local m f i t0 before line ctl=memory,pids
	[ -n "$V2" ] || ctl+=,freezer
	# below a parent of the test's own: the monitor also watches the parent
	# directory (inotify, for the group's removal), and the groups other users
	# make and remove in the root would wake it (teardown removes $G and below)
	local G=$G/quiet
	"$CGCTL" create -p -c "$ctl" "$G"
	"$CGCTL" monitor "$G" >"$TMP/mon" 2>&1 3>&- &
	m=$!
	PIDS+=($m)
	monitor_ready "${PIDS[-1]}"
	sleep 0.5
	# 2 s of quiet: at most one wake-up (it used to look every 100 ms on v1,
	# every second on v2); on pure v1 nothing tells that a group empties, so
	# cgroup.procs is looked at every 100 ms, as cgctl(8) says
	local most=1
	! pure_v1 || most=25
	before=$(wakeups "$m")
	sleep 2
	[ $(($(wakeups "$m") - before)) -le "$most" ] || fail "$(($(wakeups "$m") - before)) wake-ups in 2 s of quiet"
	# a freeze written straight to the kernel's files (no process to start): reported within 200 ms;
	# on hybrid both freezers (as cgctl freeze does), the v1 one last: it has no event but inotify's
	f=$(native cgroup.freeze freezer freezer.state)
	t0=$EPOCHREALTIME
	[ -n "$V2" ] || [ ! -f "/sys/fs/cgroup/unified/$G/cgroup.freeze" ] || echo 1 >"/sys/fs/cgroup/unified/$G/cgroup.freeze"
	if [ -n "$V2" ]; then echo 1 >"$f"; else echo FROZEN >"$f"; fi
	for i in $(seq 1 50); do
		grep -q ' frozen 1$' "$TMP/mon" && break
		sleep 0.05
	done
	line=$(grep ' frozen 1$' "$TMP/mon") || fail "no frozen event: $(cat "$TMP/mon")"
	t=$(after "$t0" "$line")
	awk -v t="$t" 'BEGIN { exit !(t < 0.2) }' || fail "frozen reported $t s after the freeze"
	if [ -n "$V2" ]; then echo 0 >"$f"; else echo THAWED >"$f"; fi
	[ -n "$V2" ] || [ ! -f "/sys/fs/cgroup/unified/$G/cgroup.freeze" ] || echo 0 >"/sys/fs/cgroup/unified/$G/cgroup.freeze"
	# a process that comes and goes, and the group removed: each said, then the monitor ends
	"$CGCTL" exec "$G" -- sleep 0.3
	# removed once the monitor sleeps again (its last look 400 ms after an event)
	sleep 0.6
	"$CGCTL" delete "$G"
	for i in $(seq 1 50); do
		grep -q ' removed$' "$TMP/mon" && break
		sleep 0.05
	done
	run sed 's/^[^ ]* //' "$TMP/mon"
	assert_output "$(printf '%s\n' 'frozen 1' 'frozen 0' 'populated 1' 'populated 0' removed)"
	wait "$m"
}

@test "cgctl: monitor --threshold tells each crossing, --pressure a stall, bad ones refused" {
	require_root
	local m i
	"$CGCTL" create -c memory,pids "$G"
	"$CGCTL" monitor --threshold memory=32M "$G" >"$TMP/mon" 2>&1 3>&- &
	m=$!
	PIDS+=($m)
	monitor_ready "${PIDS[-1]}"
	"$CGCTL" exec "$G" -- /usr/bin/python3 -c 'import time; s = bytearray(64 << 20); time.sleep(0.5)'
	for i in $(seq 1 50); do
		grep -q ' memory.below ' "$TMP/mon" && break
		sleep 0.05
	done
	run sed -n 's/^[^ ]* \(memory[^ ]*\) [0-9]*$/\1/p' "$TMP/mon"
	assert_output "$(printf '%s\n' memory.above memory.below)"
	ends_on_term "$m" "monitor --threshold"
	# PSI triggers, where the kernel takes them (psi.rst: "some 150000 1000000");
	# pure v1 has no group's PSI, and says so
	if pure_v1; then
		run "$CGCTL" monitor --pressure cpu=some:150ms/1s "$G"
		assert_failure 1
		assert_output --partial "pressure stall information (PSI) needs the group in a cgroup v2 hierarchy"
	elif /usr/bin/python3 -c 'import os; os.write(os.open("/proc/pressure/cpu", os.O_RDWR), b"some 150000 1000000\0")' 2>/dev/null; then
		"$CGCTL" monitor --pressure cpu=some:150ms/1s "$G" >"$TMP/psi" 2>&1 3>&- &
		m=$!
		PIDS+=($m)
		monitor_ready "${PIDS[-1]}"
		# two busy loops on one CPU: each waits for it half the time
		"$CGCTL" exec "$G" -- taskset -c 0 sh -c \
			'(while :; do :; done) & a=$!; (while :; do :; done) & b=$!; sleep 3; kill $a $b' || true
		run grep -c ' cpu.pressure$' "$TMP/psi"
		[ "$output" -ge 1 ] || fail "no cpu.pressure event: $(cat "$TMP/psi")"
		ends_on_term "$m" "monitor --pressure"
	else
		echo "# this kernel refuses PSI triggers: --pressure's event not tried" >&3
	fi
	run "$CGCTL" monitor --pressure memory=some:1s/100ms "$G"
	assert_failure 1
	assert_output "cgctl: invalid pressure 'memory=some:1s/100ms': a stall from 1us up to the window, a window from 500ms to 10s"
	run "$CGCTL" monitor --pressure disk=low "$G"
	assert_output "cgctl: invalid pressure 'disk=low': expected cpu, memory or io=SPEC"
	run "$CGCTL" monitor --threshold memory=lots nsutils-test-no-such-group
	assert_output "cgctl: invalid threshold 'memory=lots': expected memory=SIZE"
	if [ -n "$V2" ]; then
		run "$CGCTL" monitor --pressure memory=low "$G"
		assert_failure 1
		assert_output --partial "levels are cgroup v1's"
	fi
}

# the fields of GROUP's row in a top -r table: TASKS %CPU MEMORY INPUT/S OUTPUT/S
top_row() { # GROUP
	awk -v g="$1" '$1 == g { $1 = ""; print substr($0, 2) }'
}

@test "cgctl: top shows tasks, CPU and memory of each group and below, ordered, in batch and as JSON lines" {
	require_root
	[ -x /usr/bin/python3 ] || skip "no /usr/bin/python3"
	local ctl=memory,pids busy idle mem snap
	[ -n "$V2" ] || ctl+=,cpuacct
	for g in busy idle mem; do "$CGCTL" create -p -c "$ctl" "$G/$g"; done
	"$CGCTL" create -c "$ctl" "$G/idle/deep"
	"$CGCTL" exec "$G/busy" -- /bin/sh -c 'while :; do :; done' 3>&- &
	PIDS+=($!)
	# (v2 allows processes only in groups that give no controllers to children: idle has deep below it)
	start_bg "$CGCTL" exec "$G/idle/deep" -- sleep 301
	# 64 MiB written, so resident (anonymous: no file cache to subtract)
	"$CGCTL" exec "$G/mem" -- /usr/bin/python3 -c 'import time; b = b"x" * (64 << 20); time.sleep(300)' 3>&- &
	PIDS+=($!)
	wait_until 20 rss_at_least $! $((64 << 20)) || fail "the memory group's program did not fill 64 MiB"
	run "$CGCTL" top -b -r -n 2 -d 0.5 "$G"
	assert_success
	# two snapshots, each a header and a row a group, a blank line between
	[ "$(grep -c '^PATH  *TASKS  *%CPU  *MEMORY  *INPUT/S  *OUTPUT/S$' <<<"$output")" = 2 ] || fail "$output"
	snap=$(awk 'n == 1; /^$/ { n++ }' <<<"$output")
	# the first snapshot has no rate yet
	[[ "$(head -n 3 <<<"$output" | tail -n 1)" =~ ^[^\ ]+\ +[0-9]+\ +-\  ]] || fail "$output"
	read -r tasks cpu mem _ <<<"$(top_row "$G/busy" <<<"$snap")"
	[ "$tasks" = 1 ] && [ "${cpu%.*}" -ge 20 ] || fail "busy: tasks $tasks, cpu $cpu: $snap"
	read -r tasks cpu mem _ <<<"$(top_row "$G/idle" <<<"$snap")"
	[ "$tasks" = 1 ] && [ "${cpu%.*}" -le 5 ] || fail "idle: tasks $tasks, cpu $cpu: $snap"
	read -r tasks cpu mem _ <<<"$(top_row "$G/mem" <<<"$snap")"
	[ "$mem" -ge $((60 << 20)) ] || fail "mem: memory $mem: $snap"
	# the parent counts what is below it
	read -r tasks cpu mem _ <<<"$(top_row "$G" <<<"$snap")"
	[ "$tasks" = 3 ] && [ "$mem" -ge $((60 << 20)) ] || fail "parent: tasks $tasks, memory $mem: $snap"
	# by CPU (the default): the busy group first below the parent, which comes before all below it
	# (as in systemd-cgtop: its figure is theirs and more, but read a moment apart it may show less)
	[ "$(sed -n 2,3p <<<"$snap" | awk '{ print $1 }' | tr '\n' ' ')" = "$G $G/busy " ] || fail "$snap"
	run "$CGCTL" top -b -r -n 1 --order=memory "$G"
	[ "$(sed -n 2,3p <<<"$output" | awk '{ print $1 }' | tr '\n' ' ')" = "$G $G/mem " ] || fail "$output"
	# by path; --depth limits (deep is two levels down)
	run "$CGCTL" top -b -n 1 -p "$G"
	assert_success
	[ "$(awk 'NR > 1 { print $1 }' <<<"$output" | tr '\n' ' ')" = "$G $G/busy $G/idle $G/idle/deep $G/mem " ] ||
		fail "$output"
	run "$CGCTL" top -b -n 1 -s path --depth 1 "$G"
	[ "$(awk 'NR > 1 { print $1 }' <<<"$output" | tr '\n' ' ')" = "$G $G/busy $G/idle $G/mem " ] || fail "$output"
	# threads count, and without a pids controller (hybrid: memory and the unified hierarchy only) they are counted
	"$CGCTL" create -c memory "$G-threads"
	"$CGCTL" exec "$G-threads" -- /usr/bin/python3 -c 'import threading, time
for _ in range(2): threading.Thread(target=time.sleep, args=(300,), daemon=True).start()
time.sleep(300)' 3>&- &
	PIDS+=($!)
	wait_until 20 threads_are $! 3 || fail "the program did not start its threads"
	run "$CGCTL" top -b -r -n 1 --depth 0 "$G-threads"
	assert_success
	read -r tasks _ <<<"$(top_row "$G-threads" <<<"$output")"
	[ "$tasks" = 3 ] || fail "$output"
	# JSON: one object a snapshot, a line each, typed, null where no figure is yet
	run "$CGCTL" top -J -n 2 -d 0.3 --depth 1 "$G"
	assert_success
	[ "${#lines[@]}" = 2 ] || fail "$output"
	printf '%s\n' "${lines[@]}" | /usr/bin/python3 -c '
import json, sys
first, second = (json.loads(l) for l in sys.stdin)
g = {x["path"]: x for x in second["groups"]}
busy, mem = g[sys.argv[1] + "/busy"], g[sys.argv[1] + "/mem"]
sys.exit(0 if first["interval"] is None and all(x["cpu"] is None for x in first["groups"])
	and second["group"] == sys.argv[1] and 0.2 < second["interval"] < 5 and busy["cpu"] >= 20
	and busy["tasks"] == 1 and type(mem["memory"]) is int and mem["memory"] >= 60 << 20
	and [x["path"] for x in second["groups"][:2]] == [sys.argv[1], sys.argv[1] + "/busy"]
	and len(second["groups"]) == 4 else 1)' "$G" ||
		fail "top -J: $output"
}

@test "cgctl: stat, list and top say the same memory and tasks of a group (one reader of figures)" {
	require_root
	[ -x /usr/bin/python3 ] || skip "no /usr/bin/python3"
	local st ls tp
	# memory only: no pids.current, so the tasks are counted; file cache charged to the group
	"$CGCTL" create -c memory "$G"
	"$CGCTL" exec "$G" -- sh -c "dd if=/dev/zero of=$TMP/cache bs=1M count=32 status=none; cat $TMP/cache >/dev/null; exec sleep 303" 3>&- &
	PIDS+=($!)
	for _ in $(seq 1 50); do
		[ "$(cat /proc/$!/comm 2>/dev/null)" = sleep ] && break
		sleep 0.1
	done
	sleep 0.3
	st=$("$CGCTL" stat -J "$G")
	ls=$("$CGCTL" list -J -o path,tasks,memory --depth 0 "$G")
	tp=$("$CGCTL" top -J -n 1 --depth 0 "$G")
	/usr/bin/python3 -c '
import json, sys
st, ls, tp = (json.loads(x) for x in sys.argv[1:4])
l, t = ls["groups"][0], tp["groups"][0]
mem = [st["memory.current"], l["memory"], t["memory"]]
# read a moment apart: the same figure within 1 MiB; the cache (32 MiB) is in all or in none
ok = all(type(m) is int for m in mem) and max(mem) - min(mem) < 1 << 20 and min(mem) >= 32 << 20
ok = ok and l["tasks"] == 1 and t["tasks"] == 1
sys.exit(0 if ok else 1)' "$st" "$ls" "$tp" || fail "stat: $st
list: $ls
top: $tp"
}

# A loop device of the test's own on a file of SIZE in $TMP, in LOOPDEV (teardown detaches it), or skip.
own_loop_device() { # SIZE
	command -v losetup >/dev/null || skip "no losetup"
	truncate -s "$1" "$TMP/disk"
	# (the VM lane's kernel has loop as a module)
	[ -e /dev/loop-control ] || modprobe loop 2>/dev/null || true
	LOOPDEV=$(losetup -f --show "$TMP/disk") || skip "no loop device"
}

@test "cgctl: io.max on every layout: v1 through the blkio.throttle files, read back as v2 shows it" {
	require_root
	local ctl=io mm dir
	[ -n "$V2" ] || ctl=blkio
	"$CGCTL" create -c "$ctl" "$G"
	own_loop_device 16M
	mm=$(cat "/sys/block/${LOOPDEV#/dev/}/dev")
	run "$CGCTL" set "$G" io.max="$mm rbps=1048576 wiops=100"
	assert_success
	run "$CGCTL" get "$G" io.max
	assert_success
	assert_output "$mm rbps=1048576 wbps=max riops=max wiops=100"
	if [ -z "$V2" ]; then
		dir=/sys/fs/cgroup/blkio/$G
		grep -qx "$mm 1048576" "$dir/blkio.throttle.read_bps_device" || fail "$(cat "$dir/blkio.throttle.read_bps_device")"
		grep -qx "$mm 100" "$dir/blkio.throttle.write_iops_device" || fail "$(cat "$dir/blkio.throttle.write_iops_device")"
	fi
	# max takes a limit away
	"$CGCTL" set "$G" io.max="$mm rbps=max"
	run "$CGCTL" get "$G" io.max
	assert_output "$mm rbps=max wbps=max riops=max wiops=100"
	run "$CGCTL" set "$G" io.max="$mm bps=5"
	assert_failure 1
	assert_output --partial "expected MAJOR:MINOR and limits rbps=, wbps=, riops=, wiops="
}

@test "cgctl: top counts the bytes a group writes per second" {
	require_root
	local snap ctl=io dev
	[ -n "$V2" ] || ctl=blkio
	"$CGCTL" create -c "$ctl" "$G"
	# a loop device of our own: direct writes to it are block IO of the writer's group
	own_loop_device 64M
	dev=${LOOPDEV#/dev/}
	# v1 accounts IO to a group only through bfq (or throttling rules): give our device bfq
	if [ -z "$V2" ]; then
		echo bfq >"/sys/block/$dev/queue/scheduler" 2>/dev/null || skip "no bfq for the v1 blkio figures"
	fi
	"$CGCTL" exec "$G" -- sh -c "while :; do dd if=/dev/zero of=$LOOPDEV bs=1M count=8 oflag=direct status=none; done" 3>&- &
	PIDS+=($!)
	sleep 0.5
	run "$CGCTL" top -b -r -n 2 -d 1 --depth 0 "$G"
	assert_success
	snap=$(awk 'n == 1; /^$/ { n++ }' <<<"$output")
	read -r _ _ _ rd wr <<<"$(top_row "$G" <<<"$snap")"
	[ "$wr" != - ] && [ "$wr" -ge $((1 << 20)) ] && [ "$rd" -lt "$wr" ] ||
		fail "read $rd, written $wr bytes per second: $output"
}

# Run cgctl top on a terminal (a pty): wait for its table, send KEY, and say
# how it ended and whether the terminal was left as it was found.
top_on_tty() { # KEY ARG...
	/usr/bin/python3 - "$@" <<'PY'
import os, pty, select, sys, termios, time
key, argv = sys.argv[1].encode().decode("unicode_escape").encode(), sys.argv[2:]
# the child starts cgctl only once the terminal's modes before it are read
go_r, go_w = os.pipe()
pid, fd = pty.fork()
if pid == 0:
    os.close(go_w)
    os.read(go_r, 1)
    os.environ["TERM"] = "xterm"
    os.execv(argv[0], argv)
os.close(go_r)
before, out, drawn = termios.tcgetattr(fd), b"", False
os.write(go_w, b"x")
os.close(go_w)
def read_for(seconds):
    global out
    end = time.time() + seconds
    while time.time() < end:
        if select.select([fd], [], [], 0.05)[0]:
            try:
                out += os.read(fd, 65536)
            except OSError:
                return
read_for(1.5)
during = termios.tcgetattr(fd)
os.write(fd, key)
read_for(1.0)
_, st = os.waitpid(pid, 0)
after = termios.tcgetattr(fd)
how = "exit %d" % os.WEXITSTATUS(st) if os.WIFEXITED(st) else "signal %d" % os.WTERMSIG(st)
print(how, "drawn" if b"PATH" in out and b"by cpu" in out else "not-drawn",
      "changed" if during != before else "unchanged", "restored" if after == before else "not-restored")
PY
}

@test "cgctl: a command loads only the libraries it uses: ncurses for top's live view alone, no mount library" {
	# the dynamic loader says what it loads (LD_DEBUG=libs), before main runs
	run env LD_DEBUG=libs "$CGCTL" --version
	assert_success
	assert_output --partial "find library=libc.so"
	refute_output --regexp "library=lib(ncursesw|tinfo|mount|blkid|selinux)"
	run env LD_DEBUG=libs "$CGCTL" top -b -n 1 -d 0.1 /
	assert_success
	refute_output --regexp "library=lib(ncursesw|tinfo|mount)"
}

@test "cgctl: top on a terminal draws live, quits on q and on Ctrl-C, and leaves the terminal as it found it" {
	require_root
	[ -x /usr/bin/python3 ] || skip "no /usr/bin/python3"
	"$CGCTL" create "$G"
	run top_on_tty q "$CGCTL" top -d 0.2 "$G"
	assert_output "exit 0 drawn changed restored"
	# Ctrl-C: the terminal put back, then killed by SIGINT as a shell expects
	run top_on_tty '\x03' "$CGCTL" top -d 0.2 "$G"
	assert_output "signal 2 drawn changed restored"
	# keys change the order without quitting; q still quits
	run top_on_tty 'mq' "$CGCTL" top -d 0.2 "$G"
	assert_output "exit 0 drawn changed restored"
	# not a terminal: batch, whatever TERM says
	run "$CGCTL" top -n 1 "$G" </dev/null
	assert_success
	assert_line --index 0 --regexp '^PATH +TASKS'
}

# cgctl, with --root CG_ROOT when it is set.
cg() {
	"$CGCTL" ${CG_ROOT:+--root "$CG_ROOT"} "$@"
}

# Whether a process in GROUP can open /dev/null (1:3) for writing; prints the shell's error otherwise.
null_writable() { # GROUP
	cg exec "$1" -- sh -c 'echo x >/dev/null' 2>&1
}

# The device rules of a group, deny and allow, kept and put back; DEV_PROG set
# when they go through a device program (cgroup v2) rather than v1's files.
device_rules() {
	# v1: the group in the devices hierarchy; v2 needs no controller for it
	local ctl=(-c devices)
	[ -z "$DEV_PROG" ] || ctl=()
	cg create "${ctl[@]}" "$G"
	run cg get "$G" devices.list
	assert_success
	assert_output "a *:* rwm"
	cg set "$G" devices.deny='c 1:3 rwm'
	run null_writable "$G"
	assert_failure
	assert_output --partial "Operation not permitted"
	# other devices stay open, and as v1 shows it, a group that allows by default lists just that
	run cg exec "$G" -- sh -c ': </dev/zero'
	assert_success
	run cg get "$G" devices.list
	assert_output "a *:* rwm"
	cg set "$G" devices.allow='c 1:3 rwm'
	run null_writable "$G"
	assert_success
	# deny by default with exceptions: each invocation keeps what the last one left
	cg set "$G" devices.deny=a
	cg set "$G" devices.allow='c 1:3 rw'
	cg set "$G" devices.allow='c 1:5 r'
	run cg get "$G" devices.list
	assert_output "$(printf 'c 1:3 rw\nc 1:5 r')"
	run cg exec "$G" -- sh -c 'echo x >/dev/null; : </dev/zero'
	assert_success
	run cg exec "$G" -- sh -c ': </dev/urandom'
	assert_failure
	# a group below is held to its parent's rules too (v1 copies them, v2 runs every ancestor's program)
	cg set "$G" devices.allow='c 1:9 r'
	cg create "${ctl[@]}" "$G/child"
	run cg exec "$G/child" -- sh -c ': </dev/full'
	assert_failure
	# a command that fails halfway puts the rules back
	run cg set "$G" devices.allow='c 1:7 r' cgroup.max.depth=bogus
	assert_failure 1
	run cg get "$G" devices.list
	assert_output "$(printf 'c 1:3 rw\nc 1:5 r\nc 1:9 r')"
	# the default of a group with children stays (v1's rule, kept on v2)
	run cg set "$G" devices.allow=a
	assert_failure 1
	assert_output "cgctl: $G: cannot set devices.allow to a: a group with child groups keeps its default (as cgroup v1 requires); change the rules before making children"
	# and allowing all again leaves no rule behind (v2: no program, no kept rules)
	cg delete "$G/child"
	cg set "$G" devices.allow=a
	run cg get "$G" devices.list
	assert_output "a *:* rwm"
	if [ -n "$DEV_PROG" ]; then
		/usr/bin/python3 -c 'import os, sys; sys.exit(0 if "trusted.nsutils.devices" not in os.listxattr(sys.argv[1]) else 1)' \
			"${CG_ROOT:-/sys/fs/cgroup}/$G" || fail "rules still kept with the group"
	fi
	run cg set "$G" devices.deny='c 1:3 rwx'
	assert_failure 1
	assert_output "cgctl: invalid value 'c 1:3 rwx' for devices.deny: expected a, or b or c, MAJOR:MINOR (a number or *) and access r, w, m (c 1:3 rwm)"
	# an exception removed: the others keep the order they came in (v1's list)
	cg set "$G" devices.deny=a
	cg set "$G" devices.allow='c 1:3 rwm'
	cg set "$G" devices.allow='c 1:5 rwm'
	cg set "$G" devices.allow='c 1:7 rwm'
	cg set "$G" devices.deny='c 1:3 rwm'
	run cg get "$G" devices.list
	assert_output "$(printf 'c 1:5 rwm\nc 1:7 rwm')"
}

@test "cgctl: device rules deny and allow /dev/null: on v1 through its files, on v2 through a device program" {
	require_root
	DEV_PROG=$V2 device_rules
}

@test "cgctl: device rules through a device program on the cgroup2 hierarchy of a hybrid layout (--root)" {
	require_root
	[ -z "$V2" ] || skip "pure v2: the test above runs the device program"
	grep -q ' /sys/fs/cgroup/unified cgroup2 ' /proc/self/mounts || skip "no cgroup2 hierarchy beside v1"
	CG_ROOT=/sys/fs/cgroup/unified DEV_PROG=1 device_rules
}

@test "cgctl: a failed set never leaves v1 device rules looser than before (three sequences)" {
	require_root
	[ -d /sys/fs/cgroup/devices ] || skip "no v1 devices hierarchy"
	local seq
	# kid's parent denies 1:5, so an allow of 1:5 in kid is the kernel's refusal (EPERM), after what came before it
	"$CGCTL" create -c devices "$G"
	"$CGCTL" set "$G" devices.deny='c 1:5 rwm'
	for seq in "devices.deny=c 1:3 rwm" "devices.deny=a" "devices.allow=c 1:3 r"; do
		"$CGCTL" create -c devices "$G/kid"
		"$CGCTL" set "$G/kid" devices.deny='c 1:3 r'
		run "$CGCTL" exec "$G/kid" -- sh -c 'cat /dev/null'
		assert_failure
		run "$CGCTL" set "$G/kid" "$seq" devices.allow='c 1:5 r'
		assert_failure 1
		# /dev/null (1:3) was not readable before: it is not now
		run "$CGCTL" exec "$G/kid" -- sh -c 'cat /dev/null'
		assert_failure
		"$CGCTL" delete "$G/kid"
	done
	# a setting refused after a device rule: the rule is applied last, so never undone
	"$CGCTL" create -c devices "$G/kid"
	"$CGCTL" set "$G/kid" devices.deny='c 1:3 r'
	run "$CGCTL" set "$G/kid" devices.deny='c 1:3 rwm' cgroup.max.depth=bogus
	assert_failure 1
	refute_output --partial "left tighter"
	run "$CGCTL" exec "$G/kid" -- sh -c 'echo x >/dev/null'
	assert_success
}

# A delegatee who owns a group's directory changes what it may of what cgctl
# keeps (user.* attributes, not trusted.*), and root's next rule still denies.
device_rules_tampered() {
	local dir=${CG_ROOT:-/sys/fs/cgroup}/$G
	cg create --owner nobody "$G"
	cg set "$G" devices.deny=a
	cg set "$G" devices.allow='c 1:3 rw'
	# as nobody: every attribute it may write says "allow", the kept rules it may not touch
	run setpriv --reuid=65534 --regid=65534 --clear-groups -- /usr/bin/python3 -c '
import os, sys
for name in ("user.nsutils.devices", "user.nsutils.devices.v2"):
    os.setxattr(sys.argv[1], name, b"allow")
try:
    os.setxattr(sys.argv[1], "trusted.nsutils.devices", b"allow")
    sys.exit(1)
except PermissionError:
    pass
try:
    os.removexattr(sys.argv[1], "trusted.nsutils.devices")
    sys.exit(2)
except OSError:
    pass' "$dir"
	assert_success
	# root tightens: /dev/full (1:7) was denied, and stays so
	cg set "$G" devices.deny='c 1:9 rwm'
	run cg exec "$G" -- sh -c ': </dev/full'
	assert_failure
	run null_writable "$G"
	assert_success
	run cg get "$G" devices.list
	assert_output "c 1:3 rw"
	# a program of ours without kept rules (an older cgctl's): only a fresh start is taken
	/usr/bin/python3 -c 'import os, sys; os.removexattr(sys.argv[1], "trusted.nsutils.devices")' "$dir"
	run cg set "$G" devices.allow='c 1:5 r'
	assert_failure 1
	assert_line --index 0 --partial "has no rules kept with it (trusted.nsutils.devices)"
	run cg exec "$G" -- sh -c ': </dev/full'
	assert_failure
	run cg set "$G" devices.deny=a
	assert_success
	run cg get "$G" devices.list
	assert_output ""
}

# Foreign device programs (tests/helpers/devprog) beside cgctl's: one an
# ancestor attached with override is not lifted by a child's rules, one
# attached with multi keeps applying, an exclusive one is named.
device_rules_foreign() {
	local dir=${CG_ROOT:-/sys/fs/cgroup}/$G devprog=$NSU_BUILDDIR/tests/helpers/devprog
	cg create -p "$G/kid"
	"$devprog" "$dir" override 1 3
	run cg exec "$G/kid" -- sh -c 'echo x >/dev/null'
	assert_failure
	run cg set "$G/kid" devices.deny='c 1:7 rwm'
	assert_failure 1
	assert_line --index 0 --partial "has a device program attached with BPF_F_ALLOW_OVERRIDE"
	run cg exec "$G/kid" -- sh -c 'echo x >/dev/null'
	assert_failure
	cg create "$G-multi"
	"$devprog" "$dir-multi" multi 1 3
	run cg set "$G-multi" devices.deny='c 1:7 rwm'
	assert_success
	run cg exec "$G-multi" -- sh -c 'echo x >/dev/null'
	assert_failure
	run cg exec "$G-multi" -- sh -c ': </dev/full'
	assert_failure
	run cg exec "$G-multi" -- sh -c ': </dev/zero'
	assert_success
	# one that calls itself as cgctl's does is still someone else's: it stays
	cg create "$G-named"
	"$devprog" "$dir-named" multi 1 3 nsu_devices
	run cg set "$G-named" devices.deny='c 1:7 rwm'
	assert_success
	run cg exec "$G-named" -- sh -c 'echo x >/dev/null'
	assert_failure
	cg create "$G-excl"
	"$devprog" "$dir-excl" exclusive 1 3
	run cg set "$G-excl" devices.deny='c 1:7 rwm'
	assert_failure 1
	assert_output --partial "another program owns the device control"
}

# Run FUNC against a cgroup2 hierarchy: the whole one on pure v2, the
# unified one beside v1 on hybrid (through --root); skip without one.
on_cgroup2() { # FUNC
	if [ -n "$V2" ]; then
		"$1"
	else
		grep -q ' /sys/fs/cgroup/unified cgroup2 ' /proc/self/mounts || skip "no cgroup2 hierarchy beside v1"
		CG_ROOT=/sys/fs/cgroup/unified "$1"
	fi
}

@test "cgctl: foreign device programs: an ancestor's override one is not lifted, a multi one stays (named as ours too), an exclusive one is named" {
	require_root
	on_cgroup2 device_rules_foreign
}

@test "cgctl: device rules on v2 are kept where only root can change them (a delegatee cannot loosen them)" {
	require_root
	[ -x /usr/bin/python3 ] || skip "no /usr/bin/python3"
	on_cgroup2 device_rules_tampered
}

@test "cgctl: exec -s devices.deny makes a job's group without /dev/null on every layout" {
	require_root
	run "$CGCTL" exec --rm -s devices.deny='c 1:3 w' "$G" -- sh -c 'echo x >/dev/null'
	assert_failure
	assert_output --partial "Operation not permitted"
	run "$CGCTL" exec --rm -s devices.deny='c 1:3 w' "$G" -- sh -c 'cat /dev/null'
	assert_success
	[ -z "$(group_dirs)" ] || fail "left $(group_dirs)"
}
