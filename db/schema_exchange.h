/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The migration of the exchange tables (db/schema_exchange.c, docs/exchange.md). */
#ifndef GUANAI_DB_SCHEMA_EXCHANGE_H
#define GUANAI_DB_SCHEMA_EXCHANGE_H

/* The SQL adding the exchange's tables. */
extern const char gu_db_schema_exchange[];

#endif
