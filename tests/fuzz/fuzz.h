/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fuzz.h - what the fuzz targets share. Each target is one file with
 * LLVMFuzzerTestOneInput(), built two ways: with libFuzzer by make fuzz
 * (tests/fuzz/fuzz.lane), and with replay.c by make check, which runs it on
 * every input of its checked-in corpus (tests/fuzz/corpus/NAME/).
 */
#ifndef NSU_FUZZ_H
#define NSU_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * The input as @n NUL-terminated strings: split at NUL bytes (and newlines
 * when @lines), the missing ones empty. One malloc'ed block (free(v[0])).
 */
static inline void fuzz_split(const uint8_t *data, size_t size, char **v, size_t n, int lines)
{
	char *s = malloc(size + n + 1);
	size_t k = 0;

	if (!s)
		abort();
	memcpy(s, data, size);
	memset(s + size, 0, n + 1);
	v[k++] = s;
	for (size_t i = 0; i < size && k < n; i++)
		if (s[i] == '\0' || (lines && s[i] == '\n')) {
			s[i] = '\0';
			v[k++] = s + i + 1;
		}
	while (k < n)
		v[k++] = s + size + 1;
}

#endif /* NSU_FUZZ_H */
