/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cgctl-json.h - control files as typed JSON values (cgctl-json.c).
 */
#ifndef CGCTL_JSON_H
#define CGCTL_JSON_H

#include "jsonw.h"

/*
 * The text of control file @file as the member @key of @j, typed: numbers,
 * "max" a string, a switch's 0/1 a boolean, words an array, lines of "KEY
 * VALUE" or "KEY K=V..." an object (memory.stat, cpu.pressure, io.max).
 */
void json_value(struct nsu_json *j, const char *key, const char *file, const char *text);

#endif /* CGCTL_JSON_H */
