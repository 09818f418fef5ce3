// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * oldkernel: run a command as if on Linux 5.2. A seccomp filter answers
 * ENOSYS to every system call that kernels up to 5.2 lack (the numbers from
 * 434 on, pidfd_open and clone3 first, the same on every architecture since
 * 5.1) and to pidfd_send_signal (5.1), so that the tools' fallbacks run:
 * clone3 -> fork and attach, openat2 -> openat, pidfds -> /proc, and glibc's
 * own (close_range, faccessat2, clone3 in posix_spawn and pthread_create).
 * The filter is inherited by every process the command starts.
 *
 *   oldkernel COMMAND [ARG]...     run COMMAND under the filter
 *   oldkernel --has SYSCALL        exit 0 if SYSCALL works here, 1 if the
 *                                  kernel (or a filter) answers ENOSYS;
 *                                  SYSCALL: pidfd_open, clone3, openat2,
 *                                  close_range, pidfd_getfd, pidfd_send_signal
 *
 * Installing the filter needs CAP_SYS_ADMIN or no_new_privs; as root it is
 * installed without no_new_privs, so that set-user-ID programs keep working.
 */
#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#if defined(__x86_64__)
#define NSU_AUDIT_ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define NSU_AUDIT_ARCH AUDIT_ARCH_AARCH64
#elif defined(__i386__)
#define NSU_AUDIT_ARCH AUDIT_ARCH_I386
#elif defined(__powerpc64__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define NSU_AUDIT_ARCH AUDIT_ARCH_PPC64LE
#elif defined(__s390x__)
#define NSU_AUDIT_ARCH AUDIT_ARCH_S390X
#elif defined(__riscv) && __riscv_xlen == 64
#define NSU_AUDIT_ARCH AUDIT_ARCH_RISCV64
#endif

/* The first number after Linux 5.2's last (fspick, 433), and 5.1's pidfd_send_signal. */
#define FIRST_AFTER_5_2 434
#define PIDFD_SEND_SIGNAL_NR 424
/* x32's numbers carry this bit: they are left alone (x32 is not this build). */
#define X32_BIT 0x40000000u

static int install(void)
{
#ifdef NSU_AUDIT_ARCH
	struct sock_filter code[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, NSU_AUDIT_ARCH, 0, 5),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, X32_BIT, 3, 0),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, PIDFD_SEND_SIGNAL_NR, 3, 0),
		BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, FIRST_AFTER_5_2, 2, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (ENOSYS & SECCOMP_RET_DATA)),
	};
	struct sock_fprog prog = { .len = sizeof(code) / sizeof(code[0]), .filter = code };

	if (geteuid() != 0 && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return -errno;
	if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) < 0)
		return -errno;
	return 0;
#else
	return -ENOTSUP;
#endif
}

static const struct {
	const char *name;
	long nr;
} probes[] = {
#ifdef SYS_pidfd_open
	{ "pidfd_open", SYS_pidfd_open },
#endif
#ifdef SYS_clone3
	{ "clone3", SYS_clone3 },
#endif
#ifdef SYS_openat2
	{ "openat2", SYS_openat2 },
#endif
#ifdef SYS_close_range
	{ "close_range", SYS_close_range },
#endif
#ifdef SYS_pidfd_getfd
	{ "pidfd_getfd", SYS_pidfd_getfd },
#endif
#ifdef SYS_pidfd_send_signal
	{ "pidfd_send_signal", SYS_pidfd_send_signal },
#endif
};

/*
 * Each probe is called with arguments the kernel refuses (EINVAL, EBADF,
 * EFAULT), or that do nothing, so that only ENOSYS means "missing".
 */
static int has(const char *name)
{
	size_t i;
	long r = -1;

	for (i = 0; i < sizeof(probes) / sizeof(probes[0]); i++) {
		if (strcmp(probes[i].name, name) != 0)
			continue;
		errno = 0;
		if (strcmp(name, "pidfd_open") == 0) {
			r = syscall(probes[i].nr, getpid(), 0);
			if (r >= 0)
				close((int)r);
		} else if (strcmp(name, "close_range") == 0) {
			r = syscall(probes[i].nr, ~0u, ~0u, 0); /* closes nothing */
		} else if (strcmp(name, "clone3") == 0) {
			r = syscall(probes[i].nr, NULL, 0); /* EINVAL: too small */
		} else {
			r = syscall(probes[i].nr, -1, NULL, 0, 0); /* EBADF or EFAULT */
		}
		return r < 0 && errno == ENOSYS ? 1 : 0;
	}
	fprintf(stderr, "oldkernel: %s: not a system call this helper knows\n", name);
	return 2;
}

int main(int argc, char **argv)
{
	int r;

	if (argc == 3 && strcmp(argv[1], "--has") == 0)
		return has(argv[2]);
	if (argc < 2 || argv[1][0] == '-') {
		fprintf(stderr, "usage: oldkernel COMMAND [ARG]...\n       oldkernel --has SYSCALL\n");
		return 2;
	}
	r = install();
	if (r < 0) {
		fprintf(stderr, "oldkernel: cannot install the seccomp filter: %s\n", strerror(-r));
		return 125;
	}
	execvp(argv[1], argv + 1);
	fprintf(stderr, "oldkernel: %s: %s\n", argv[1], strerror(errno));
	return errno == ENOENT ? 127 : 126;
}
