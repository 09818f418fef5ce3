#!/bin/busybox sh
# SPDX-License-Identifier: GPL-2.0-or-later
# /init of the VM lane: mount the host's / (read-only, virtio-9p) under a tmpfs
# overlay, give it proc, sys, dev, a pure cgroup2 hierarchy, /run and /tmp,
# chroot into it and run the suites named on the kernel command line.
/bin/busybox --install -s /bin
export PATH=/bin
mount -t proc proc /proc
# The lane's accelerator probe (tests/vm/accel): the guest runs, say so, stop.
case " $(cat /proc/cmdline) " in
*" nsu.probe "*)
	echo NSU-PROBE-OK
	poweroff -f
	;;
esac
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
while read -r m; do
	insmod "/modules/$m.ko" || echo "nsutils-vm: cannot load $m"
done < /modules/order
mount -t 9p -o trans=virtio,version=9p2000.L,ro,cache=loose host /host || {
	echo "nsutils-vm: cannot mount the host's root"; poweroff -f; }
mount -t tmpfs -o size=1g rw /rw
mkdir -p /rw/upper /rw/work
mount -t overlay -o lowerdir=/host,upperdir=/rw/upper,workdir=/rw/work overlay /newroot
# Parameters come on the kernel command line: nsu.builddir= nsu.srcdir= nsu.suites=a,b
for arg in $(cat /proc/cmdline); do
	case $arg in
	nsu.builddir=*) builddir=${arg#*=} ;;
	nsu.srcdir=*) srcdir=${arg#*=} ;;
	nsu.suites=*) suites=$(echo "${arg#*=}" | tr , ' ') ;;
	nsu.tags=*) tags=${arg#*=} ;;
	nsu.cgroup=*) layout=${arg#*=} ;;
	esac
done
# The guest gets its own /run and /tmp below; a source or build tree that lives
# there on the host is carried over (from the overlay, so it stays writable).
n=0
for d in "$srcdir" "$builddir"; do
	case $d in
	/tmp/* | /run/*)
		n=$((n + 1))
		mkdir -p "/keep/$n"
		mount -o bind "/newroot$d" "/keep/$n" && eval "keep_$n=\$d"
		;;
	esac
done
for d in proc sys dev run tmp; do mkdir -p "/newroot/$d"; done
mount -t proc proc /newroot/proc
mount -t sysfs sys /newroot/sys
mount -t devtmpfs dev /newroot/dev
mkdir -p /newroot/dev/pts /newroot/dev/shm
mount -t devpts devpts /newroot/dev/pts
mount -t tmpfs shm /newroot/dev/shm
ln -sf /proc/self/fd /newroot/dev/fd
ln -sf /proc/self/fd/0 /newroot/dev/stdin
ln -sf /proc/self/fd/1 /newroot/dev/stdout
ln -sf /proc/self/fd/2 /newroot/dev/stderr
if [ "${layout:-v2}" = v1 ]; then
	# Legacy: every controller in a v1 hierarchy of its own (cpu and
	# cpuacct, net_cls and net_prio together, with the usual links), as
	# systems without cgroup2 mount them; no cgroup2 anywhere.
	mount -t tmpfs -o mode=755 cgroup /newroot/sys/fs/cgroup
	for c in $(awk 'NR > 1 && $4 == 1 { print $1 }' /proc/cgroups); do
		case $c in
		cpu | net_cls) continue ;;
		cpuacct) h=cpu,cpuacct ;;
		net_prio) h=net_cls,net_prio ;;
		*) h=$c ;;
		esac
		mkdir -p "/newroot/sys/fs/cgroup/$h"
		mount -t cgroup -o "$h" cgroup "/newroot/sys/fs/cgroup/$h" || echo "nsutils-vm: cannot mount v1 $h"
		case $h in *,*)
			ln -s "$h" "/newroot/sys/fs/cgroup/${h%,*}"
			ln -s "$h" "/newroot/sys/fs/cgroup/${h#*,}"
			;;
		esac
	done
else
	mount -t cgroup2 cgroup2 /newroot/sys/fs/cgroup
fi
mount -t tmpfs run /newroot/run
mount -t tmpfs tmp /newroot/tmp
i=1
while [ "$i" -le "$n" ]; do
	eval "d=\${keep_$i:-}"
	[ -n "$d" ] && mkdir -p "/newroot$d" && mount -o move "/keep/$i" "/newroot$d"
	i=$((i + 1))
done
hostname nsutils-vm
# Only the tests of these tags (bats --filter-tags: any of them), or all.
filter=
case ${tags:-all} in all) ;; *)
	for t in $(echo "$tags" | tr , ' '); do filter="$filter --filter-tags $t"; done ;;
esac
# switch_root, not chroot: the kernel refuses new user namespaces to a
# chrooted process (user_namespaces(7), EPERM).
# Two workers side by side (the guest has two CPUs) take the suites one by
# one from a queue; each line is tagged with its worker, and the lane merges
# them into one TAP stream. Each file is one bats run, announced by a comment.
cat >/newroot/nsu-run.sh <<RUN
# the next suite of the queue, taken under a lock, or nothing
next() {
	flock /nsu-queue.lock sh -c 'head -n 1 /nsu-queue; sed -i 1d /nsu-queue'
}
work() {
	tag=\$1
	while f=\$(next) && [ -n "\$f" ]; do
		echo "NSU-\$tag # vm: \$f"
		start=\$(date +%s)
		env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root TERM=dumb NSU_LANE=vm \\
			NSU_BUILDDIR='$builddir' NSU_SRCDIR='$srcdir' bats --tap --timing $filter "\$f" 2>&1 | sed -u "s/^/NSU-\$tag /"
		echo "NSU-\$tag # vm: \$f took \$((\$(date +%s) - start)) s"
	done
}
printf '%s\\n' $suites >/nsu-queue
echo NSU-TAP-BEGIN
cd '$srcdir' || exit 1
work A &
work B &
wait
echo NSU-TAP-END
echo o > /proc/sysrq-trigger
sleep 10
RUN
exec switch_root /newroot /bin/sh /nsu-run.sh
