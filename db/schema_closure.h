/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Migration: case closures and reopenings (db/schema_closure.c). */
#ifndef GUANAI_DB_SCHEMA_CLOSURE_H
#define GUANAI_DB_SCHEMA_CLOSURE_H

/* The SQL adding the closures table. */
extern const char gu_db_schema_closure[];

#endif
