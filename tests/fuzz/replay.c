// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * replay - runs a fuzz target on every file of its corpus and prints TAP:
 * the regression half of fuzzing, in make check. The corpus is
 * $NSU_SRCDIR/tests/fuzz/corpus/NAME, NAME being this program's name without
 * ".unit" (or the directories and files given as arguments). A crash or a
 * sanitizer report ends the program: the test fails.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static int n;

static int replay(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	size_t len = 0, cap = 0, got;

	if (!f) {
		printf("not ok %d %s: %s\n", ++n, path, strerror(errno));
		return 1;
	}
	do {
		if (len == cap) {
			cap = cap ? 2 * cap : 4096;
			buf = realloc(buf, cap);
			if (!buf)
				abort();
		}
		got = fread(buf + len, 1, cap - len, f);
		len += got;
	} while (got > 0);
	fclose(f);
	LLVMFuzzerTestOneInput(buf, len);
	free(buf);
	printf("ok %d %s\n", ++n, path);
	fflush(stdout);
	return 0;
}

/* The files of @dir in name order, so that runs print alike. */
static int replay_dir(const char *dir)
{
	struct dirent **ents;
	int k = scandir(dir, &ents, NULL, alphasort), bad = 0;
	char path[4096];

	if (k < 0) {
		printf("not ok %d %s: %s\n", ++n, dir, strerror(errno));
		return 1;
	}
	for (int i = 0; i < k; i++) {
		if (ents[i]->d_name[0] != '.') {
			snprintf(path, sizeof(path), "%s/%s", dir, ents[i]->d_name);
			bad |= replay(path);
		}
		free(ents[i]);
	}
	free(ents);
	return bad;
}

int main(int argc, char **argv)
{
	const char *src = getenv("NSU_SRCDIR");
	char name[256], dir[4096];
	int bad = 0;
	struct stat st;

	if (argc > 1) {
		for (int i = 1; i < argc; i++)
			bad |= stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode) ? replay_dir(argv[i]) : replay(argv[i]);
	} else {
		const char *base = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];

		snprintf(name, sizeof(name), "%s", base);
		if (strlen(name) > 5 && strcmp(name + strlen(name) - 5, ".unit") == 0)
			name[strlen(name) - 5] = '\0';
		snprintf(dir, sizeof(dir), "%s/tests/fuzz/corpus/%s", src ? src : ".", name);
		bad = replay_dir(dir);
	}
	printf("1..%d\n", n);
	return bad;
}
