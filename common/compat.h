/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * compat.h - system calls glibc does not wrap (or wraps only in newer releases),
 * and constants older kernel headers lack.
 *
 * Each fallback has the glibc name and signature, is used only where configure
 * found no wrapper, and fails with ENOSYS where the syscall number is unknown.
 */
#ifndef NSU_COMPAT_H
#define NSU_COMPAT_H

#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>
#ifdef HAVE_SYS_PIDFD_H
#include <sys/pidfd.h>
#endif
#ifdef HAVE_LINUX_NSFS_H
#include <linux/nsfs.h>
#endif

#ifndef CLONE_NEWCGROUP
#define CLONE_NEWCGROUP 0x02000000
#endif
#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME 0x00000080 /* Linux 5.6 */
#endif
#ifndef CLONE_PIDFD
#define CLONE_PIDFD 0x00001000
#endif
#ifndef CLONE_INTO_CGROUP
#define CLONE_INTO_CGROUP 0x200000000ULL /* Linux 5.7 */
#endif

/* ioctl(2) requests on nsfs files, see ioctl_ns(2); all since Linux 4.9/4.11. */
#ifndef NSIO
#define NSIO 0xb7
#endif
#ifndef NS_GET_USERNS
#define NS_GET_USERNS _IO(NSIO, 0x1)
#endif
#ifndef NS_GET_PARENT
#define NS_GET_PARENT _IO(NSIO, 0x2)
#endif
#ifndef NS_GET_NSTYPE
#define NS_GET_NSTYPE _IO(NSIO, 0x3)
#endif
#ifndef NS_GET_OWNER_UID
#define NS_GET_OWNER_UID _IO(NSIO, 0x4)
#endif

#ifndef NSFS_MAGIC
#define NSFS_MAGIC 0x6e736673
#endif
#ifndef PROC_SUPER_MAGIC
#define PROC_SUPER_MAGIC 0x9fa0
#endif

#ifndef SIOCGSKNS
#define SIOCGSKNS 0x894C /* Linux 4.10 */
#endif

#if !defined(HAVE_PIDFD_OPEN)
static inline int pidfd_open(pid_t pid, unsigned int flags)
{
#ifdef SYS_pidfd_open
	return (int)syscall(SYS_pidfd_open, pid, flags);
#else
	(void)pid;
	(void)flags;
	errno = ENOSYS;
	return -1;
#endif
}
#endif

#if !defined(HAVE_PIDFD_GETFD)
static inline int pidfd_getfd(int pidfd, int targetfd, unsigned int flags)
{
#ifdef SYS_pidfd_getfd
	return (int)syscall(SYS_pidfd_getfd, pidfd, targetfd, flags);
#else
	(void)pidfd;
	(void)targetfd;
	(void)flags;
	errno = ENOSYS;
	return -1;
#endif
}
#endif

#if !defined(HAVE_PIDFD_SEND_SIGNAL)
static inline int pidfd_send_signal(int pidfd, int sig, siginfo_t *info, unsigned int flags)
{
#ifdef SYS_pidfd_send_signal
	return (int)syscall(SYS_pidfd_send_signal, pidfd, sig, info, flags);
#else
	(void)pidfd;
	(void)sig;
	(void)info;
	(void)flags;
	errno = ENOSYS;
	return -1;
#endif
}
#endif

#endif /* NSU_COMPAT_H */
