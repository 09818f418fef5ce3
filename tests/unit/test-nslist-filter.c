// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of nslist's -Q expressions: precedence, operators, types, errors.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "nslist.h"
#include "tap.h"

/* Three columns: NAME (text), N (number), EMPTY (always empty). */
static const char *const names[] = {"NAME", "N", "EMPTY"};
static const bool numeric[] = {false, true, false};

struct row {
	const char *name;
	const char *n;
};

static int colfunc(const char *name, size_t len)
{
	for (int i = 0; i < 3; i++)
		if (strlen(names[i]) == len && strncasecmp(names[i], name, len) == 0)
			return i;
	return -1;
}

static const char *cell(int col, void *data, char *buf, size_t size, char **owned)
{
	const struct row *r = data;

	(void)buf;
	(void)size;
	/* the name comes allocated, as nslist's multi-line cells do: the caller frees it */
	if (col == 0)
		return *owned = strdup(r->name);
	return col == 1 ? r->n : NULL;
}

static int eval(const char *expr, const char *name, const char *n)
{
	struct row r = {name, n};
	char *err = NULL;
	struct nsl_filter *f = nsl_filter_parse(expr, colfunc, &err);
	int m;

	if (!f) {
		free(err);
		return -1;
	}
	m = nsl_filter_match(f, cell, &r, numeric);
	nsl_filter_free(f);
	return m;
}

static int fails(const char *expr, const char *want)
{
	char *err = NULL;
	struct nsl_filter *f = nsl_filter_parse(expr, colfunc, &err);
	int r = !f && err && strstr(err, want);

	nsl_filter_free(f);
	free(err);
	return r;
}

int main(void)
{
	ok(eval("N > 1", "a", "2") == 1, "number greater");
	ok(eval("N > 10", "a", "9") == 0, "numbers compare as numbers, not text");
	ok(eval("N >= 9 && N <= 9", "a", "9") == 1, ">= and <= with &&");
	ok(eval("N eq 3 or N ne 3", "a", "4") == 1, "word operators");
	ok(eval("NAME == \"uts\"", "uts", "1") == 1, "string equality");
	ok(eval("name == 'uts'", "uts", "1") == 1, "column names ignore case, single quotes");
	ok(eval("NAME != \"uts\"", "net", "1") == 1, "string inequality");
	ok(eval("NAME =~ \"^n.t$\"", "net", "1") == 1, "regex match");
	ok(eval("NAME !~ \"^n\"", "net", "1") == 0, "regex non-match");
	ok(eval("N > 1 or N > 0 and N > 5", "a", "2") == 1, "and binds tighter than or");
	ok(eval("(N > 1 or N > 0) and N > 5", "a", "2") == 0, "parentheses");
	ok(eval("not N > 1", "a", "2") == 0, "not");
	ok(eval("!(N > 1)", "a", "0") == 1, "! before a parenthesis");
	ok(eval("N != 1", "a", "2") == 1, "!= is not !");
	ok(eval("EMPTY", "a", "1") == 0 && eval("NAME", "a", "1") == 1, "bare column: empty is false");
	ok(eval("N", "a", "0") == 0, "bare numeric column: 0 is false");
	ok(eval("EMPTY == 1", "a", "1") == 0 && eval("EMPTY != 1", "a", "1") == 1, "an empty cell equals no number");
	ok(eval("NAME == \"a\\\"b\"", "a\"b", "1") == 1, "escaped quote in a string");
	ok(fails("N >", "unexpected end"), "missing operand");
	ok(fails("BOGUS == 1", "unknown column: BOGUS"), "unknown column");
	ok(fails("(N > 1", "missing ')'"), "unbalanced parenthesis");
	ok(fails("NAME == \"x", "unterminated string"), "unterminated string");
	ok(fails("NAME =~ N", "need a \"string\""), "regex needs a literal");
	ok(fails("NAME =~ \"(\"", "invalid regular expression"), "bad regex");
	/* glibc copies what a repeat applies to: repeats of repeats grow as a product (fuzzing found 2 GB) */
	ok(fails("NAME =~ \"s++++++++++++++++++++++++++++++++++++++++++leep\"", "too complex"),
	   "42 repeats of a repeat are refused before regcomp");
	ok(fails("NAME =~ \"a{255}{255}{255}\"", "too complex"), "bounded repeats multiply too");
	ok(fails("NAME =~ \"0+++++++++++++++;++++++++*++++++\"", "too complex"), "32,000 nodes: 1.8 s, refused");
	ok(fails("NAME =~ \"a{,\"", "invalid regular expression"), "a brace at the end is counted, not overrun");
	/* glibc's closure of empty matches grows faster than the nodes: "5?" and 9 "+", 1,000 nodes, 0.4 s */
	ok(fails("NAME =~ \"0++5?++++++++++\"", "too complex"), "repeats of what can match empty: found by fuzzing");
	ok(fails("NAME =~ \"(a|)+++++++++\"", "too complex"), "an alternation can match empty");
	ok(fails("NAME =~ \"(x(a*)y){1,20}{1,20}\"", "too complex"), "and a group that holds a '*'");
	ok(fails("NAME =~ \"$!*************+*\"", "too complex"), "stars of stars: found by fuzzing");
	ok(eval("NAME =~ \"^(a?){1,100}b\"", "aab", "1") == 1, "100 copies of what can match empty are allowed");
	ok(eval("NAME =~ \"^(sl|ba)+e?+p\"", "sleep", "1") == 1, "as are a few repeats of them");
	ok(fails("NAME =~ \")+++++++++++++++++++++++++++++++)\"", "too complex"), "an unmatched ')' is a character");
	ok(fails("NAME =~ \"((((((((((((((((((((x+)+)+)+)+)+)+)+)+)+)+)+)+)+)+)+)+)+)+)+)+\"", "too complex"),
	   "and through groups");
	ok(eval("NAME =~ \"^(sl|ba)e+p[]x[:alpha:]]{1,3}$\"", "sleepy", "1") == 1, "an ordinary regex with repeats works");
	ok(fails("N > 1 N", "unexpected"), "trailing tokens");
	ok(fails("N > 1x", "invalid number"), "number with garbage");
	{
		/* 60000 parentheses, 50000 nots, a chain of 50000 ands: refused, no stack overflow */
		size_t n = 60000;
		char *deep = malloc(3 * n + 16);
		char *p = deep;

		for (size_t i = 0; i < n; i++)
			*p++ = '(';
		p += sprintf(p, "N");
		for (size_t i = 0; i < n; i++)
			*p++ = ')';
		*p = '\0';
		ok(fails(deep, "nested too deeply"), "60000 parentheses are refused");
		memset(deep, '!', 50000);
		strcpy(deep + 50000, "N");
		ok(fails(deep, "nested too deeply"), "50000 nots are refused");
		p = deep;
		for (size_t i = 0; i < 20000; i++)
			p += sprintf(p, "N&&");
		strcpy(p, "N");
		ok(fails(deep, "nested too deeply"), "a chain of 20000 ands is refused");
		free(deep);
		ok(eval("((((N == 2))))", "a", "2") == 1, "a few parentheses are fine");
	}
	ok(eval("NAME == NAME && NAME != N", "uts", "1") == 1, "two allocated cells alive at once");
	return tap_done();
}
