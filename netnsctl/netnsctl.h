/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * netnsctl.h - what netnsctl's parts share.
 */
#ifndef NETNSCTL_H
#define NETNSCTL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "nstypes.h"

#define NETNS_RUN_DIR NSU_NETNS_DIR
#define NETNS_ETC_DIR "/etc/netns"
/* How long a reader waits for an entry someone is creating. */
#define CREATING_WAIT_MS 2000

/* Options before the verb: what every command of netnsctl is given. */
struct nsu_tool {
	bool json;
	bool pretty; /* -p: JSON arrays one element a line, as ip -j -p */
	bool all;    /* --all before the command, as ip -all netns */
};

/* What is at /var/run/netns/NAME. */
enum entry_state {
	ENTRY_MISSING, /* nothing */
	ENTRY_READY,   /* a network namespace (nsfs bind mount) */
	ENTRY_DEBRIS,  /* a file that is not a namespace and that nobody is creating */
	ENTRY_LINK,    /* a symbolic link (ip netns del removes it; nothing follows it) */
	ENTRY_CREATING, /* a file a live netnsctl is creating (locked), when not waited for */
};

/* Refuse names ip netns would mangle or that escape the directory; exits 1. */
void check_name(const char *name);
/*
 * The state of entry @name; one being created (its placeholder locked) is
 * waited for, up to @wait_ms (then ENTRY_CREATING). A symbolic link is
 * never followed. Returns an entry_state or -errno.
 */
int entry_state(const char *name, int wait_ms);
/* Open the namespace of a ready entry, or exit 1 saying why. */
int open_netns_or_err(const char *name);

/* NETNS_RUN_DIR/NAME, malloc'ed; exits when out of memory. */
char *entry_path(const char *name);
/* The names in NETNS_RUN_DIR, sorted, malloc'ed; none if it does not exist. */
char **list_entries(size_t *n);
/*
 * Bind the network namespace of @src (NULL: a new one) on NAME, atomically.
 * Returns 0, or -errno after saying why; nothing is left behind.
 */
int make_entry(const char *name, const char *src);
/* Remove NAME (a namespace or debris), naming processes still inside. 0 or -errno (said). */
int delete_one(const char *name);
/*
 * Call @fn(pid, data) for each process in the network namespace @ino, and
 * with @threads for each thread that is there while its process is not.
 */
void for_each_task_in(uint64_t ino, bool threads, void (*fn)(pid_t pid, void *data), void *data);

int cmd_connect(struct nsu_tool *g, int argc, char **argv);
/* Remove veth pairs: the end named, or every one in a namespace. */
int cmd_disconnect(struct nsu_tool *g, int argc, char **argv);

#endif /* NETNSCTL_H */
