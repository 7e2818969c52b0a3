/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Errors are values: a code from the one table below and a translated,
 * one-line message with the place it refers to.  Nothing in core or db
 * prints; the caller shows gu_error_text(). */
#ifndef GUANAI_CORE_ERROR_H
#define GUANAI_CORE_ERROR_H

#include <stddef.h>

/* X(name, short description); the description is a msgid. */
#define GU_ERROR_TABLE(X) \
	X(GU_OK, N_("no error")) \
	X(GU_ENOMEM, N_("out of memory")) \
	X(GU_EIO, N_("cannot read or write a file")) \
	X(GU_ESYNTAX, N_("syntax error")) \
	X(GU_EINVAL, N_("invalid value")) \
	X(GU_ENOTFOUND, N_("not found")) \
	X(GU_EPOLICY, N_("the policy file is not valid")) \
	X(GU_EANSWERS, N_("the answers are not valid")) \
	X(GU_EDB_LOCKED, N_("the database is in use by another guanai")) \
	X(GU_EDB_READONLY, N_("the database cannot be written")) \
	X(GU_EDB_FULL, N_("the disk is full")) \
	X(GU_EDB_CORRUPT, N_("the database is damaged")) \
	X(GU_EDB_NOTADB, N_("the file is not a guanai database")) \
	X(GU_EDB_NEWER, N_("the database is from a newer guanai")) \
	X(GU_EDB, N_("database error")) \
	X(GU_EPERM, N_("not allowed for this user")) \
	X(GU_EAUTH, N_("wrong user name or password")) \
	X(GU_EENCODING, N_("a character cannot be written in the chosen encoding")) \
	X(GU_EEXIST, N_("the file exists")) \
	X(GU_EDB_WAL_LOST, N_("the database's log file was removed"))

#define GU_ERROR_ENUM(name, text) name,
enum gu_code { GU_ERROR_TABLE(GU_ERROR_ENUM) GU_CODE_COUNT };
#undef GU_ERROR_ENUM

typedef struct gu_error {
	enum gu_code code;
	char where[320];   /* "file:line:column", "file:line" or "" */
	char message[640]; /* translated, one line, says what is wrong and how to fix it */
} gu_error;

/* Clears e to GU_OK with no place and no message. */
void gu_error_clear(gu_error *e);

/* Sets e and returns -(int)code, so a function can `return gu_error_set(...)`.
 * file may be NULL; line and column 0 mean "not known".  e may be NULL. */
int gu_error_set(gu_error *e, enum gu_code code, const char *file, int line,
	int column, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* Returns the translated short description of a code. */
const char *gu_code_text(enum gu_code code);

/* Returns "where: message" (or just the message) written into buf. */
const char *gu_error_text(const gu_error *e, char *buf, size_t size);

#endif
