// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * nsscan - the floor for nslist's speed (issue #4): a bare loop that only
 * stats /proc/PID/ns/KIND of every process and counts the namespaces it sees.
 * bench/nslist compares nslist's wall time with this one's.
 */
#include <dirent.h>
#include <stdio.h>
#include <sys/stat.h>

int main(void)
{
	static const char *const kinds[] = {"mnt", "uts", "ipc", "net", "pid", "user", "cgroup", "time"};
	DIR *d = opendir("/proc");
	struct dirent *de;
	unsigned long n = 0;

	if (!d)
		return 1;
	while ((de = readdir(d))) {
		if (de->d_name[0] < '1' || de->d_name[0] > '9')
			continue;
		for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
			char path[300];
			struct stat st;

			snprintf(path, sizeof(path), "/proc/%s/ns/%s", de->d_name, kinds[i]);
			if (stat(path, &st) == 0)
				n++;
		}
	}
	closedir(d);
	printf("%lu\n", n);
	return 0;
}
