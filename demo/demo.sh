#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# make demo: the suite at work: two wired network namespaces, a control group
# with limits, a small container in both, a look at it from outside, an OOM
# kill, and a clean-up that is checked. As root it
# does all of it; as an ordinary user, the user-namespace parts. It leaves the
# machine as it found it, also when interrupted.
#   usage: demo.sh BUILDDIR     (NSU_DEMO_PREFIX names what it makes; default nsutils-demo)
set -u
b=${1:?usage: demo.sh BUILDDIR}
p=${NSU_DEMO_PREFIX:-nsutils-demo}
UNSHARE=$b/unshare/unshare NSENTER=$b/nsenter/nsenter NSLIST=$b/nslist/nslist
CGCTL=$b/cgctl/cgctl NETNSCTL=$b/netnsctl/netnsctl
# The steps call the tools by name, as a user types them: the built ones first.
PATH=$b/unshare:$b/nsenter:$b/nslist:$b/cgctl:$b/netnsctl:$PATH
export PATH
red=$p-red blue=$p-blue grp=$p hog=$p-hog
tmp=$(mktemp -d /tmp/nsutils-demo.XXXXXX)
box=

say() { printf '\n== %s\n' "$*"; }
note() { printf '   %s\n' "$*"; }
# The prompt: # for root, $ for a user, as man pages and the README show them.
prompt='$'
[ "$(id -u)" -eq 0 ] && prompt='#'
# Print a command line exactly as it is typed, folded with " \" under 100 columns.
show() {
	printf '%s\n' "$1" | awk -v p="$prompt" '{
		# tokens: words, a quoted string with its blanks one token (a fold inside quotes is no continuation)
		n = split($0, w, " "); t = 0; q = ""
		for (i = 1; i <= n; i++) {
			if (q == "") tok[++t] = w[i]; else tok[t] = tok[t] " " w[i]
			for (k = 1; k <= length(w[i]); k++) {
				c = substr(w[i], k, 1)
				if (q == "" && (c == "\047" || c == "\"")) q = c
				else if (c == q) q = ""
			}
		}
		line = p " "
		for (i = 1; i <= t; i++) {
			if (length(line) + length(tok[i]) > 96 && line != p " " && line != "    ") {
				print line "\\"; line = "    "
			}
			line = line tok[i] (i < t ? " " : "")
		}
		print line
	}'
}
# Show a command line (one string, quoted as it must be typed), then run it.
run() { show "$1"; eval "$1"; }

cleanup() {
	trap - EXIT INT TERM
	[ -n "$box" ] && kill -KILL "$box" 2>/dev/null
	if [ "$(id -u)" -eq 0 ]; then
		"$CGCTL" delete -k -r "$grp" >/dev/null 2>&1
		"$CGCTL" delete -k -r "$hog" >/dev/null 2>&1
		"$NETNSCTL" delete "$red" >/dev/null 2>&1
		"$NETNSCTL" delete "$blue" >/dev/null 2>&1
	fi
	[ -n "$box" ] && wait "$box" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Start SCRIPT (sh -c) in the background as the container; wait until it says it is ready.
container() {
	rm -f "$tmp/ready"
	"$@" &
	box=$!
	i=0
	while [ ! -e "$tmp/ready" ] && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	cat "$tmp/info" 2>/dev/null
}

# What runs as PID 1 inside (sh inside.sh TMPDIR GROUP): say who and where it is, then wait.
cat >"$tmp/inside.sh" <<'EOF'
hostname box
echo "inside: PID $$, hostname $(hostname)" >"$1/info"
ip -brief address >>"$1/info"
echo "cgroup: $(grep -m1 ":$2\$" /proc/self/cgroup || echo "(none: not run through cgctl)")" >>"$1/info"
touch "$1/ready"
exec sleep 300
EOF

if [ "$(id -u)" -ne 0 ]; then
	say "You are not root: the user-namespace parts run; network names (/var/run/netns) and cgroups (/sys/fs/cgroup) need root"
	say "1. A small container in a user namespace: you are root inside, $(id -un) outside"
	show "unshare -r --fork --kill-child --pid --mount-proc --uts --ipc --net sh inside.sh &"
	container unshare -r --fork --kill-child --pid --mount-proc --uts --ipc --net sh "$tmp/inside.sh" "$tmp" none
	pid1=$(pgrep -P "$box")
	say "2. Its namespaces, owned by the user namespace it made"
	run "nslist -p $pid1 --tree=owner -o NS,TYPE,NPROCS,PID,USER,COMMAND"
	say "3. Joining it from outside (nsenter into the user namespace you own)"
	run "nsenter -t $pid1 --all --preserve-credentials sh -c 'echo \"hostname \$(hostname), PID 1 is \$(cat /proc/1/comm)\"'"

	say "Done. Run 'make demo' as root for named network namespaces, cgroups and an OOM kill."
	exit 0
fi

say "1. Two named network namespaces, wired with a veth pair, and a ping across"
note "two names for two new network namespaces, as ip netns add makes them:"
run "netnsctl add $red $blue" || exit 1
note "one veth pair between them, an address at each end, in one command:"
run "netnsctl connect $red:veth0=192.0.2.1/24 $blue:veth0=192.0.2.2/24" || exit 1
inodes="$(stat -L -c %i /var/run/netns/"$red") $(stat -L -c %i /var/run/netns/"$blue")"
note "the names, as ip netns list shows them:"
run "netnsctl list"
note "a ping from one namespace to the other:"
run "netnsctl exec $red ping -c 1 -W 5 192.0.2.2" || exit 1

say "2. A control group with memory, pids and cpu limits ($("$CGCTL" controllers | awk 'NR == 2 {print $1}') cgroups here)"
note "a group with limits, written with cgroup v2 names on any layout:"
run "cgctl create $grp memory.max=128M pids.max=64 cpu.max=50%" || exit 1
note "the limits read back, in bytes and microseconds:"
run "cgctl get $grp memory.max pids.max cpu.max"

say "3. A small container: cgctl exec -> unshare (pid, mount, uts, ipc; /proc; a hostname) -> a shell in $red"
show "cgctl exec $grp -- unshare --fork --pid --mount-proc --uts --ipc nsenter --net=/var/run/netns/$red sh inside.sh &"
container cgctl exec "$grp" -- unshare --fork --pid --mount-proc --uts --ipc \
	nsenter --net=/var/run/netns/"$red" sh "$tmp/inside.sh" "$tmp" "/$grp"
# PID 1 inside: the child of unshare --fork (cgctl became unshare, then nsenter ran in its place).
pid1=$(pgrep -P "$box")

say "4. From outside: the namespaces (by owner, the pid nesting, the network names)"
note "the container's namespaces, under the user namespace that owns them:"
run "nslist -p $pid1 --tree=owner -o NS,TYPE,NPROCS,PID,COMMAND"
note "its PID namespace nested in ours:"
run "nslist -t pid --tree=parent -o NS,NPROCS,PID,COMMAND \
-Q 'NS == $(stat -L -c %i /proc/self/ns/pid) or NS == $(stat -L -c %i /proc/"$pid1"/ns/pid)'"
note "the two network namespaces by name, also the one no process is in:"
run "nslist -t net -o NS,NPROCS,NAME -Q 'NAME =~ \"^$p\"'"
note "nsenter joins the running container (all its namespaces) and looks around:"
run "nsenter -t $pid1 --all sh -c 'echo \"hostname \$(hostname), PID 1 is \$(cat /proc/1/comm)\"; ps -o pid,comm'"
note "what the group uses, and whether it is frozen:"
run "cgctl stat $grp"
note "a memory hog in a group of its own with memory.max=32M:"
# With swap, the hog would swap before it is killed: no swap for the group.
noswap=
if [ "$(wc -l </proc/swaps)" -gt 1 ]; then
	if [ "$("$CGCTL" controllers | awk '$4 ~ /(^|,)memory(,|$)/ {print $2}')" = 2 ]; then
		noswap="-s memory.swap.max=0"
	else
		noswap="-s memory.memsw.limit_in_bytes=32M"
	fi
fi
run "cgctl exec --rm -s memory.max=32M $noswap $hog -- sh -c 'head -c 256M /dev/zero | tail >/dev/null'"
note "(exit status $?: the hog was killed, and cgctl said why)"

say "5. Clean-up, checked"
kill -KILL "$box" 2>/dev/null
wait "$box" 2>/dev/null
box=
note "the group and everything in it ended:"
run "cgctl delete --kill --recursive $grp"
note "the names and their namespaces removed:"
run "netnsctl delete $red $blue"
left=
for d in /sys/fs/cgroup/"$p"* /sys/fs/cgroup/*/"$p"* /var/run/netns/"$p"*; do
	[ -e "$d" ] && left="$left $d"
done
# The two network namespaces (and the veth pair in them) are gone when nslist cannot find them.
for ino in $inodes; do
	"$NSLIST" --holders "$ino" >/dev/null 2>&1 && left="$left network namespace $ino"
done
if [ -n "$left" ]; then
	echo "left behind:$left" >&2
	exit 1
fi
note "no namespace, mount, interface or cgroup of the demo is left."
