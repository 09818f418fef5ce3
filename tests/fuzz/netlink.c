// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fuzz target: the kernel's rtnetlink replies as netnsctl reads them: to
 * RTM_GETNSID (set, list-id, nslist's NETNSID), its dump (list-id) and
 * RTM_GETLINK (connect). The input is the bytes of one recv().
 */
#include "fuzz.h"
#include "netlink.h"

static void count(int nsid, void *data)
{
	(void)nsid;
	(*(int *)data)++;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* aligned, as a socket buffer is */
	uint32_t *buf = malloc(size + 4);
	unsigned int flags;
	int nsid, n = 0, index;

	if (!buf)
		abort();
	memcpy(buf, data, size);
	nsu_nl_parse_nsid(buf, size, &nsid);
	nsu_nl_parse_nsid_dump(buf, size, count, &n);
	nsu_nl_parse_link(buf, size, &index, &flags);
	free(buf);
	return 0;
}
