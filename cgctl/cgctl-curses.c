// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * cgctl-curses.c - ncurses for cgctl top, loaded on first use (cgctl-curses.h).
 */
#include <dlfcn.h>
#include <stddef.h>

#include "cgctl-curses.h"

#ifndef NCURSESW_SONAME
#define NCURSESW_SONAME "libncursesw.so.6"
#endif

int curses_load(struct curses *cs, const char **why)
{
	static const struct {
		const char *name;
		size_t off;
	} syms[] = {
#define SYM(field, name) {name, offsetof(struct curses, field)}
		SYM(newterm, "newterm"),     SYM(endwin, "endwin"),     SYM(delscreen, "delscreen"),
		SYM(cbreak, "cbreak"),       SYM(noecho, "noecho"),     SYM(keypad, "keypad"),
		SYM(curs_set, "curs_set"),   SYM(wtimeout, "wtimeout"), SYM(wgetch, "wgetch"),
		SYM(werase, "werase"),       SYM(wmove, "wmove"),       SYM(waddnstr, "waddnstr"),
		SYM(wrefresh, "wrefresh"),   SYM(stdscr, "stdscr"),     SYM(cols, "COLS"),
		SYM(lines, "LINES"),
#undef SYM
	};

	*cs = (struct curses){0};
	cs->lib = dlopen(NCURSESW_SONAME, RTLD_NOW | RTLD_LOCAL);
	if (!cs->lib) {
		*why = dlerror();
		return -1;
	}
	for (size_t i = 0; i < sizeof(syms) / sizeof(syms[0]); i++) {
		void *p = dlsym(cs->lib, syms[i].name);

		if (!p) {
			*why = dlerror();
			curses_unload(cs);
			return -1;
		}
		*(void **)((char *)cs + syms[i].off) = p;
	}
	return 0;
}

void curses_unload(struct curses *cs)
{
	if (cs->lib)
		dlclose(cs->lib);
	*cs = (struct curses){0};
}
