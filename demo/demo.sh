#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# make demo: the tools that exist, at work, narrated; leaves nothing behind.
set -u
b=${1:?usage: demo.sh BUILDDIR}
tmp=$(mktemp -d /tmp/nsutils-demo.XXXXXX)
cleanup() {
	mountpoint -q "$tmp/uts" 2>/dev/null && umount "$tmp/uts"
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
say() { printf '\n== %s\n' "$*"; }
run() { printf '$ %s\n' "$*"; "$@"; }

root=0
[ "$(id -u)" -eq 0 ] && root=1

say "A new user namespace: you are root inside, $(id -un) outside (no privilege needed)"
run "$b/unshare/unshare" -r sh -c 'id -u; cat /proc/self/uid_map'

say "A new PID namespace with its own /proc: the program is PID 1"
if [ $root -eq 1 ]; then
	run "$b/unshare/unshare" --fork --pid --mount-proc sh -c 'echo "my PID is $$"; ps -o pid,comm'
else
	run "$b/unshare/unshare" -r --fork --pid --mount-proc sh -c 'echo "my PID is $$"; ps -o pid,comm'
fi

say "A hostname of its own: the machine's stays $(hostname)"
run "$b/unshare/unshare" -r -u sh -c 'hostname container; hostname'

if [ $root -eq 1 ]; then
	say "A persistent UTS namespace, bound on a file, entered later with nsenter"
	touch "$tmp/uts"
	run "$b/unshare/unshare" --uts="$tmp/uts" hostname persisted
	run "$b/nsenter/nsenter" --uts="$tmp/uts" hostname
	run umount "$tmp/uts"

	say "nsenter joins a running process by pidfd: its network namespace has only lo"
	"$b/unshare/unshare" -n -u sleep 30 &
	pid=$!
	sleep 0.2
	run "$b/nsenter/nsenter" -t "$pid" -n -u ip -brief link
	kill "$pid"
	wait "$pid" 2>/dev/null
else
	say "Persistent namespaces and nsenter into other processes need root: skipped"
fi
say "Done; nothing was left behind."
