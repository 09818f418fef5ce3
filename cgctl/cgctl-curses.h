/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cgctl-curses.h - the part of ncurses that cgctl top's live view uses,
 * loaded with dlopen(3) when that view starts: no other cgctl command pays
 * for loading ncurses and its terminfo library.
 */
#ifndef CGCTL_CURSES_H
#define CGCTL_CURSES_H

#include <curses.h>
#include <stdio.h>

struct curses {
	void *lib;
	SCREEN *(*newterm)(const char *type, FILE *out, FILE *in);
	int (*endwin)(void);
	void (*delscreen)(SCREEN *s);
	int (*cbreak)(void);
	int (*noecho)(void);
	int (*keypad)(WINDOW *w, bool on);
	int (*curs_set)(int visibility);
	void (*wtimeout)(WINDOW *w, int ms);
	int (*wgetch)(WINDOW *w);
	int (*werase)(WINDOW *w);
	int (*wmove)(WINDOW *w, int y, int x);
	int (*waddnstr)(WINDOW *w, const char *s, int n);
	int (*wrefresh)(WINDOW *w);
	WINDOW **stdscr;
	int *cols, *lines;
};

/* Load ncurses into @cs: 0, or -1 with @why (dlerror's words, static) set. */
int curses_load(struct curses *cs, const char **why);
void curses_unload(struct curses *cs);

#endif /* CGCTL_CURSES_H */
