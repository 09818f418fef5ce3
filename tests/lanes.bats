#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# The test lanes themselves. The VM lane decides between KVM and software
# emulation by booting (tests/vm/accel), so a machine whose /dev/kvm exists
# but cannot run a guest still runs the lane. Each case puts a fake
# qemu-system-x86_64 first on PATH. The old-kernel lane's filter
# (tests/helpers/oldkernel) hides what Linux 5.2 lacks.

load helpers

setup() {
	FAKE=$BATS_TEST_TMPDIR/bin
	mkdir -p "$FAKE"
	KERNEL=$(ls -1 /boot/vmlinuz-* 2>/dev/null | sort -V | tail -n1)
	SUITE=
}

teardown() {
	[ -z "$SUITE" ] || rm -f "$SUITE"
	[ -z "${VMDIR:-}" ] || rm -rf "$VMDIR"
}

# fake_qemu KVM_BEHAVIOUR: a qemu that on accel=kvm aborts as the broken
# machines' qemu does, hangs, or boots (prints the probe's marker); for any
# other accelerator it runs the real qemu.
fake_qemu() {
	local real
	HANG=600$$
	real=$(command -v qemu-system-x86_64 || echo /nonexistent)
	cat >"$FAKE/qemu-system-x86_64" <<FAKE
#!/bin/sh
case "\$*" in
*accel=kvm*)
	echo "\$0 \$*" >>"$BATS_TEST_TMPDIR/kvm-calls"
	case $1 in
	abort) echo "qemu-system-x86_64: error: failed to set MSR 0x10a to 0x69" >&2; kill -ABRT \$\$ ;;
	hang) exec sleep $HANG ;;
	boot) echo NSU-PROBE-OK; exit 0 ;;
	esac ;;
esac
exec "$real" "\$@"
FAKE
	chmod +x "$FAKE/qemu-system-x86_64"
}

accel() {
	NSU_VM_KVM_DEV=/dev/null PATH="$FAKE:$PATH" run sh "$NSU_SRCDIR/tests/vm/accel" \
		qemu-system-x86_64 "${KERNEL:-/boot/none}" /dev/null "$BATS_TEST_TMPDIR"
}

@test "vm accel: a qemu that aborts on KVM gives software emulation, and says why" {
	fake_qemu abort
	accel
	assert_success
	assert_line --index 0 "tcg qemu64"
	assert_line --index 1 --regexp "^KVM unusable, software emulation instead: qemu exited with status 134 \(.*failed to set MSR 0x10a"
	[ -s "$BATS_TEST_TMPDIR/kvm-calls" ]
}

@test "vm accel: a KVM guest that prints nothing in time gives software emulation" {
	fake_qemu hang
	NSU_VM_PROBE_SECONDS=2 accel
	assert_success
	assert_line --index 0 "tcg qemu64"
	assert_line --index 1 "KVM unusable, software emulation instead: the probe guest printed nothing in 2 s"
	# the hung qemu went with the probe
	run pgrep -fx "sleep $HANG"
	assert_failure
}

@test "vm accel: KVM where a KVM guest boots" {
	fake_qemu boot
	accel
	assert_success
	assert_line --index 0 "kvm host"
	assert_line --index 1 "KVM booted the probe guest"
}

@test "vm accel: no KVM device, or NSU_VM_NO_KVM, is software emulation without a boot" {
	fake_qemu boot
	NSU_VM_KVM_DEV=$BATS_TEST_TMPDIR/none PATH="$FAKE:$PATH" run sh "$NSU_SRCDIR/tests/vm/accel" \
		qemu-system-x86_64 /boot/none /dev/null "$BATS_TEST_TMPDIR"
	assert_success
	assert_output "tcg qemu64
no $BATS_TEST_TMPDIR/none"
	NSU_VM_NO_KVM=1 accel
	assert_success
	assert_line --index 0 "tcg qemu64"
	[ ! -e "$BATS_TEST_TMPDIR/kvm-calls" ]
}

@test "vm lane: with a qemu that aborts on KVM the lane runs under emulation and passes" {
	[ "$NSU_LANE" = host ] || skip "boots a guest: the host lane's test"
	require_cmd qemu-system-x86_64 busybox
	[ -n "$KERNEL" ] && [ -r "$KERNEL" ] || skip "no readable kernel in /boot"
	fake_qemu abort
	# A one-test suite where the guest can see it (not in /tmp: the guest has its own).
	SUITE=$NSU_BUILDDIR/tests/nsutils-test-lane-$$.bats
	# make check's lane runs only the tests tagged cgroup-layout or kernel-version
	printf '%s\n' '# bats test_tags=cgroup-layout' '@test "inside the guest: pure cgroup v2" {' \
		'	[ "$(stat -f -c %T /sys/fs/cgroup)" = cgroup2fs ]' '}' \
		'@test "inside the guest: an untagged test" { true; }' >"$SUITE"
	VMDIR=$NSU_BUILDDIR/tests/nsutils-test-vm-$$
	NSU_VM_DIR=$VMDIR NSU_VM_KVM_DEV=/dev/null NSU_VM_SUITES=$SUITE PATH="$FAKE:$PATH" \
		run sh "$NSU_SRCDIR/tests/vm.lane"
	assert_success
	assert_line --regexp "^# vm: KVM unusable, software emulation instead: qemu exited with status 134"
	assert_line --regexp "^# vm: Linux .*, accel=tcg, cgroup v2, tags: cgroup-layout,kernel-version,"
	assert_line --regexp "^ok 1 inside the guest: pure cgroup v2"
	refute_line --partial "an untagged test"
	assert_line "1..1"
}

@test "vm lane: check-full's legacy lane has cgroup v1 hierarchies and no cgroup2" {
	[ "$NSU_LANE" = host ] || skip "boots a guest: the host lane's test"
	require_cmd qemu-system-x86_64 busybox
	[ -n "$KERNEL" ] && [ -r "$KERNEL" ] || skip "no readable kernel in /boot"
	SUITE=$NSU_BUILDDIR/tests/nsutils-test-lane-$$.bats
	printf '%s\n' '# bats test_tags=cgroup-layout' '@test "inside the guest: v1 pids and memory, no cgroup2" {' \
		'	[ "$(stat -f -c %T /sys/fs/cgroup)" = tmpfs ]' \
		'	[ "$(stat -f -c %T /sys/fs/cgroup/pids)" = cgroupfs ]' \
		'	[ -f /sys/fs/cgroup/memory/memory.limit_in_bytes ]' \
		'	[ -f /sys/fs/cgroup/cpu/cpu.shares ]' \
		'	! grep -q " - cgroup2 " /proc/self/mountinfo' '}' >"$SUITE"
	VMDIR=$NSU_BUILDDIR/tests/nsutils-test-vm-$$
	NSU_VM_DIR=$VMDIR NSU_VM_NO_KVM=1 NSU_VM_SUITES=$SUITE run sh "$NSU_SRCDIR/tests/vm-v1.lane"
	assert_success
	assert_line --regexp "^# vm: Linux .*, accel=tcg, cgroup v1, tags: cgroup-layout,"
	assert_line --regexp "^ok 1 inside the guest: v1 pids and memory, no cgroup2"
	assert_line "1..1"
}

@test "oldkernel lane: the filter answers ENOSYS to what Linux 5.2 lacks, and the tools take their fallbacks" {
	local ok=$NSU_BUILDDIR/tests/helpers/oldkernel s
	[ -x "$ok" ] || fail "tests/helpers/oldkernel is not built"
	"$ok" true 2>/dev/null || skip "$("$ok" true 2>&1)"
	for s in pidfd_open clone3 openat2 close_range pidfd_getfd pidfd_send_signal; do
		run "$ok" "$ok" --has "$s"
		[ "$status" -eq 1 ] || fail "$s is still there under the filter (status $status)"
	done
	# what Linux 5.2 has stays
	run "$ok" sh -c 'echo "$(cat /proc/self/comm)"'
	assert_success
	assert_output cat
	# nsenter without pidfds: through /proc
	require_cmd strace
	run "$ok" strace -f -e trace=pidfd_open -o "$BATS_TEST_TMPDIR/trace" \
		"$NSU_BUILDDIR/nsenter/nsenter" -t $$ -u hostname
	assert_success
	grep -q 'pidfd_open(.*ENOSYS' "$BATS_TEST_TMPDIR/trace" || fail "nsenter tried no pidfd: $(cat "$BATS_TEST_TMPDIR/trace")"
}

@test "helpers: without bats' per-command trap a failure still names its file and line" {
	local d=$BATS_TEST_TMPDIR/trap
	mkdir "$d"
	cp "$NSU_SRCDIR/tests/helpers.bash" "$d/"
	# (written with %test: bats would take an @test line here for one of this file's)
	sed 's/^%test/@test/' >"$d/t.bats" <<'SUITE'
load helpers
g() {
	[ 1 = 2 ]
}
%test "fails in a helper" {
	true
	g
}
%test "fails in the body" {
	for ((i = 0; i < 2000; i++)); do :; done
	[ "$(trap -p DEBUG)" = "" ] || echo "debug trap still set"
	false
}
SUITE
	cd "$d"
	run bats --tap t.bats
	assert_failure
	assert_line "not ok 1 fails in a helper"
	assert_line "# (from function \`g' in file t.bats, line 3,"
	assert_line "#  in test file t.bats, line 7)"
	assert_line "not ok 2 fails in the body"
	assert_line "# (in test file t.bats, line 12)"
	assert_line "#   \`false' failed"
	refute_line --partial "debug trap still set"
}
