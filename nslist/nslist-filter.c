// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * nslist-filter.c - the -Q/--filter expressions. libsmartcols has its own
 * filter engine only from 2.40 on (scols-filter(5)); Debian 12 ships 2.38, so
 * nslist evaluates the same syntax itself, on the cell texts of each row.
 */
#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <regex.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cleanup.h"
#include "nslist.h"

enum node_kind { N_AND, N_OR, N_NOT, N_CMP, N_COL, N_STR, N_NUM };
enum cmp_op { OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE, OP_RE, OP_NRE };

struct nsl_filter {
	enum node_kind kind;
	enum cmp_op op;
	struct nsl_filter *a, *b;
	int col;      /* N_COL */
	char *str;    /* N_STR, N_NUM: the literal */
	double num;   /* N_NUM */
	regex_t *re;  /* N_CMP with =~ or !~ */
	int depth;    /* of the subtree: 1 for a leaf */
};

struct parser {
	const char *s;
	nsl_colfunc colfunc;
	char *err;
	int depth; /* of parentheses and nots being parsed */
};

static void perr(struct parser *p, const char *fmt, ...)
{
	va_list ap;

	if (p->err)
		return;
	va_start(ap, fmt);
	if (vasprintf(&p->err, fmt, ap) < 0)
		p->err = NULL;
	va_end(ap);
	if (!p->err)
		p->err = strdup("out of memory");
}

/* @n with children @a and @b (either may be NULL): its depth, checked against the limit. */
static void adopt(struct parser *p, struct nsl_filter *n, struct nsl_filter *a, struct nsl_filter *b)
{
	int depth_a = a ? a->depth : 0, depth_b = b ? b->depth : 0;

	n->a = a;
	n->b = b;
	n->depth = 1 + (depth_a > depth_b ? depth_a : depth_b);
	if (n->depth > NSL_FILTER_MAX_DEPTH)
		perr(p, "filter nested too deeply (at most %d levels)", NSL_FILTER_MAX_DEPTH);
}

/* Entering a parenthesis or a not: 0, or -1 (said) past the limit. */
static int descend(struct parser *p)
{
	if (++p->depth <= NSL_FILTER_MAX_DEPTH)
		return 0;
	perr(p, "filter nested too deeply (at most %d levels)", NSL_FILTER_MAX_DEPTH);
	return -1;
}

static void skip_ws(struct parser *p)
{
	while (isspace((unsigned char)*p->s))
		p->s++;
}

static size_t word_len(const char *s)
{
	size_t n = 0;

	while (isalnum((unsigned char)s[n]) || s[n] == '_' || s[n] == '.' || s[n] == '-')
		n++;
	return n;
}

/* Consume @word (a keyword, case-insensitive, or an operator) if it comes next. */
static int take(struct parser *p, const char *word)
{
	size_t n = strlen(word);

	skip_ws(p);
	if (isalpha((unsigned char)word[0])) {
		if (word_len(p->s) != n || strncasecmp(p->s, word, n) != 0)
			return 0;
	} else if (strncmp(p->s, word, n) != 0) {
		return 0;
	}
	p->s += n;
	return 1;
}

static struct nsl_filter *node(struct parser *p, enum node_kind kind)
{
	struct nsl_filter *n = calloc(1, sizeof(*n));

	if (!n) {
		perr(p, "out of memory");
	} else {
		n->kind = kind;
		n->depth = 1;
	}
	return n;
}

static struct nsl_filter *parse_or(struct parser *p);

static struct nsl_filter *parse_operand(struct parser *p)
{
	struct nsl_filter *n;
	size_t len;

	skip_ws(p);
	if (*p->s == '"' || *p->s == '\'') {
		char quote = *p->s++;
		size_t size = strlen(p->s) + 1, used = 0;

		n = node(p, N_STR);
		if (!n)
			return NULL;
		n->str = malloc(size);
		if (!n->str) {
			perr(p, "out of memory");
			return n;
		}
		while (*p->s && *p->s != quote) {
			if (*p->s == '\\' && p->s[1])
				p->s++;
			n->str[used++] = *p->s++;
		}
		n->str[used] = '\0';
		if (*p->s != quote)
			perr(p, "unterminated string");
		else
			p->s++;
		return n;
	}
	if (isdigit((unsigned char)*p->s) || (*p->s == '-' && isdigit((unsigned char)p->s[1]))) {
		char *end;

		n = node(p, N_NUM);
		if (!n)
			return NULL;
		errno = 0;
		n->num = strtod(p->s, &end);
		if (errno || (isalnum((unsigned char)*end) || *end == '_')) {
			perr(p, "invalid number near '%.20s'", p->s);
			return n;
		}
		n->str = strndup(p->s, (size_t)(end - p->s));
		p->s = end;
		return n;
	}
	len = word_len(p->s);
	if (len == 0) {
		if (*p->s)
			perr(p, "unexpected '%.20s'", p->s);
		else
			perr(p, "unexpected end of expression");
		return NULL;
	}
	n = node(p, N_COL);
	if (!n)
		return NULL;
	n->col = p->colfunc(p->s, len);
	if (n->col < 0)
		perr(p, "unknown column: %.*s", (int)len, p->s);
	p->s += len;
	return n;
}

static const struct {
	const char *word;
	enum cmp_op op;
} ops[] = {
	/* longer operators first: "<=" before "<" */
	{"==", OP_EQ}, {"!=", OP_NE}, {"<=", OP_LE}, {">=", OP_GE}, {"=~", OP_RE}, {"!~", OP_NRE},
	{"<", OP_LT},  {">", OP_GT},  {"eq", OP_EQ}, {"ne", OP_NE}, {"le", OP_LE}, {"ge", OP_GE},
	{"lt", OP_LT}, {"gt", OP_GT},
};

/*
 * Whether glibc's regcomp() would take long over the extended regular
 * expression @re. It copies what a repeat applies to ("a+" is "aa*",
 * "a{3}" is "aaa"), so repeats of repeats grow as a product: 42 "+" in a
 * row ran a fuzzer out of 2 GB, and 32,000 nodes took 1.8 s to compile and
 * match ("0" and 15 "+"). At most REGEX_MAX_NODES nodes allow "a{1000}" and
 * "(a|b){1,1000}" (0.15 s). Copies of what can match the empty string cost
 * more than their nodes: glibc works out, for each, what else it may skip
 * to, so "5?" and 9 "+" (1,000 nodes) take 0.4 s, and 10 "+" seconds. At
 * most REGEX_MAX_EMPTY_COPIES of them nested allow "(a?){1,100}" and
 * "(5?5?)" and 7 "+" (0.02 s). Counted as the parser goes, saturating;
 * what may match empty is judged loosely (any '|' in a group counts).
 */
#define REGEX_MAX_NODES 4096
#define REGEX_MAX_EMPTY_COPIES 128
struct regex_part {
	size_t nodes;  /* in the part */
	size_t copies; /* of what may match empty, nested, at most in the part */
	bool empty;    /* the part may match the empty string */
};

/* @n copies of @last, a part of @cur that may match empty: false when too many nest */
static bool copy_empty(struct regex_part *last, struct regex_part *cur, size_t n)
{
	if (n > REGEX_MAX_EMPTY_COPIES / last->copies)
		return false;
	last->copies *= n;
	if (last->copies > cur->copies)
		cur->copies = last->copies;
	return true;
}

static bool regex_too_complex(const char *re)
{
	struct regex_part stack[NSL_FILTER_MAX_DEPTH + 1], cur = {0, 1, false}, last = {0, 1, false};
	size_t depth = 0;

	for (const char *c = re; *c; c++) {
		size_t n = 1;

		switch (*c) {
		case '(':
			if (depth == NSL_FILTER_MAX_DEPTH)
				return true;
			stack[depth++] = cur;
			cur = (struct regex_part){0, 1, false};
			continue;
		case ')':
			if (!depth) {
				/* an unmatched ')' is an ordinary character */
				cur.nodes++;
				last = (struct regex_part){1, 1, false};
				continue;
			}
			/* the group, and the nodes that open and close it */
			last = (struct regex_part){cur.nodes + 2, cur.copies, cur.empty};
			cur = stack[--depth];
			cur.nodes += last.nodes;
			if (last.copies > cur.copies)
				cur.copies = last.copies;
			cur.empty |= last.empty;
			continue;
		case '|':
			cur.empty = true;
			continue;
		case '*':
		case '?':
			cur.nodes++;
			last.nodes++;
			/* a '*' of what may match empty weighs as two copies ("$a*" and 13 '*': 0.15 s) */
			if (last.empty && !copy_empty(&last, &cur, 2))
				return true;
			last.empty = cur.empty = true;
			continue;
		case '+':
			n = 2;
			break;
		case '{': {
			char *end;
			unsigned long lo = strtoul(c + 1, &end, 10), hi = lo;

			if (*end == ',' && isdigit((unsigned char)end[1]))
				hi = strtoul(end + 1, &end, 10);
			else if (*end == ',')
				hi = lo + 1, end++;
			n = hi > REGEX_MAX_NODES ? REGEX_MAX_NODES : (size_t)hi + 1;
			if (lo == 0)
				last.empty = cur.empty = true;
			/* on at the '}' (or what stands there: regcomp judges it), never past the end */
			c = *end ? end : end - 1;
			break;
		}
		case '[':
			/* a bracket expression is one node: "[]a]" and "[^]a]" hold a ']' */
			c += c[1] == '^';
			c += c[1] == ']';
			while (c[1] && c[1] != ']')
				c++;
			c += c[1] == ']';
			cur.nodes++;
			last = (struct regex_part){1, 1, false};
			continue;
		case '\\':
			c += c[1] != '\0';
			/* fall through */
		default:
			cur.nodes++;
			last = (struct regex_part){1, 1, false};
			continue;
		}
		/* a repeat: @last, the atom or group before it, @n times over */
		if (last.nodes > REGEX_MAX_NODES || n > REGEX_MAX_NODES / (last.nodes ? last.nodes : 1))
			return true;
		cur.nodes += last.nodes * (n - 1);
		last.nodes *= n;
		if (cur.nodes > REGEX_MAX_NODES)
			return true;
		if (last.empty && !copy_empty(&last, &cur, n))
			return true;
	}
	return false;
}

static struct nsl_filter *parse_cmp(struct parser *p)
{
	struct nsl_filter *lhs, *n;

	if (take(p, "(")) {
		if (descend(p) < 0)
			return NULL;
		n = parse_or(p);
		p->depth--;
		if (!p->err && !take(p, ")"))
			perr(p, "missing ')'");
		return n;
	}
	lhs = parse_operand(p);
	if (p->err)
		return lhs;
	for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		if (!take(p, ops[i].word))
			continue;
		n = node(p, N_CMP);
		if (!n)
			return lhs;
		n->op = ops[i].op;
		n->a = lhs;
		n->b = parse_operand(p);
		if (p->err)
			return n;
		adopt(p, n, n->a, n->b);
		if (n->op == OP_RE || n->op == OP_NRE) {
			int r;

			if (n->b->kind != N_STR) {
				perr(p, "=~ and !~ need a \"string\" on the right");
				return n;
			}
			n->re = malloc(sizeof(*n->re));
			if (!n->re) {
				perr(p, "out of memory");
				return n;
			}
			if (regex_too_complex(n->b->str)) {
				free(n->re);
				n->re = NULL;
				perr(p, "regular expression \"%s\" too complex (repeats of repeats)", n->b->str);
				return n;
			}
			r = regcomp(n->re, n->b->str, REG_EXTENDED | REG_NOSUB);
			if (r != 0) {
				free(n->re);
				n->re = NULL;
				perr(p, "invalid regular expression \"%s\"", n->b->str);
			}
		}
		return n;
	}
	return lhs;
}

static struct nsl_filter *parse_not(struct parser *p)
{
	struct nsl_filter *n;

	if (take(p, "not") || (!(skip_ws(p), strncmp(p->s, "!=", 2) == 0) && take(p, "!"))) {
		if (descend(p) < 0)
			return NULL;
		n = node(p, N_NOT);
		if (n)
			adopt(p, n, parse_not(p), NULL);
		p->depth--;
		return n;
	}
	return parse_cmp(p);
}

static struct nsl_filter *parse_and(struct parser *p)
{
	struct nsl_filter *lhs = parse_not(p);

	while (!p->err && (take(p, "and") || take(p, "&&"))) {
		struct nsl_filter *n = node(p, N_AND);

		if (!n)
			break;
		n->a = lhs;
		adopt(p, n, lhs, parse_not(p));
		lhs = n;
	}
	return lhs;
}

static struct nsl_filter *parse_or(struct parser *p)
{
	struct nsl_filter *lhs = parse_and(p);

	while (!p->err && (take(p, "or") || take(p, "||"))) {
		struct nsl_filter *n = node(p, N_OR);

		if (!n)
			break;
		n->a = lhs;
		adopt(p, n, lhs, parse_and(p));
		lhs = n;
	}
	return lhs;
}

struct nsl_filter *nsl_filter_parse(const char *expr, nsl_colfunc colfunc, char **err)
{
	struct parser p = {expr, colfunc, NULL, 0};
	struct nsl_filter *f = parse_or(&p);

	skip_ws(&p);
	if (!p.err && *p.s)
		perr(&p, "unexpected '%.20s'", p.s);
	if (p.err) {
		nsl_filter_free(f);
		*err = p.err;
		return NULL;
	}
	return f;
}

void nsl_filter_columns(const struct nsl_filter *f, bool *used, size_t ncols)
{
	if (!f)
		return;
	if (f->kind == N_COL && f->col >= 0 && (size_t)f->col < ncols)
		used[f->col] = true;
	nsl_filter_columns(f->a, used, ncols);
	nsl_filter_columns(f->b, used, ncols);
}

struct value {
	const char *s; /* NULL: empty cell */
	bool numeric;  /* s parses as a number and the column (or literal) is numeric */
	double num;
};

static struct value eval_operand(const struct nsl_filter *n, nsl_cellfunc cell, void *row, const bool *numeric,
				 char *buf, size_t size, char **owned)
{
	struct value v = {NULL, false, 0};
	char *end;

	switch (n->kind) {
	case N_STR:
		v.s = n->str;
		break;
	case N_NUM:
		v.s = n->str;
		v.numeric = true;
		v.num = n->num;
		break;
	case N_COL:
		v.s = cell(n->col, row, buf, size, owned);
		if (v.s && *v.s && numeric[n->col]) {
			v.num = strtod(v.s, &end);
			v.numeric = *end == '\0';
		}
		break;
	default:
		break;
	}
	return v;
}

static bool eval_cmp(const struct nsl_filter *f, nsl_cellfunc cell, void *row, const bool *numeric)
{
	char abuf[64], bbuf[64];
	/* both texts are alive at once: each has its own owner */
	_cleanup_free_ char *aown = NULL, *bown = NULL;
	struct value a = eval_operand(f->a, cell, row, numeric, abuf, sizeof(abuf), &aown);
	struct value b = eval_operand(f->b, cell, row, numeric, bbuf, sizeof(bbuf), &bown);
	int c;

	if (f->op == OP_RE || f->op == OP_NRE) {
		bool m = regexec(f->re, a.s ? a.s : "", 0, NULL, 0) == 0;

		return f->op == OP_RE ? m : !m;
	}
	if (a.numeric && b.numeric)
		c = a.num < b.num ? -1 : a.num > b.num;
	else if ((a.numeric || b.numeric) && (!a.s || !b.s))
		return f->op == OP_NE; /* an empty cell equals no number */
	else
		c = strcmp(a.s ? a.s : "", b.s ? b.s : "");
	switch (f->op) {
	case OP_EQ:
		return c == 0;
	case OP_NE:
		return c != 0;
	case OP_LT:
		return c < 0;
	case OP_LE:
		return c <= 0;
	case OP_GT:
		return c > 0;
	case OP_GE:
		return c >= 0;
	default:
		return false;
	}
}

bool nsl_filter_match(const struct nsl_filter *f, nsl_cellfunc cell, void *row, const bool *numeric)
{
	char buf[64];
	_cleanup_free_ char *owned = NULL;
	const char *s;

	switch (f->kind) {
	case N_AND:
		return nsl_filter_match(f->a, cell, row, numeric) && nsl_filter_match(f->b, cell, row, numeric);
	case N_OR:
		return nsl_filter_match(f->a, cell, row, numeric) || nsl_filter_match(f->b, cell, row, numeric);
	case N_NOT:
		return !nsl_filter_match(f->a, cell, row, numeric);
	case N_CMP:
		return eval_cmp(f, cell, row, numeric);
	case N_COL:
		/* A bare column is true when its cell is neither empty nor 0. */
		s = cell(f->col, row, buf, sizeof(buf), &owned);
		return s && *s && !(numeric[f->col] && strtod(s, NULL) == 0);
	case N_NUM:
		return f->num != 0;
	case N_STR:
		return *f->str != '\0';
	}
	return false;
}

void nsl_filter_free(struct nsl_filter *f)
{
	if (!f)
		return;
	nsl_filter_free(f->a);
	nsl_filter_free(f->b);
	if (f->re) {
		regfree(f->re);
		free(f->re);
	}
	free(f->str);
	free(f);
}
