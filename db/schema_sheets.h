/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Migration: printed sheets, and the receiving unit of a referral
 * (db/schema_sheets.c). */
#ifndef GUANAI_DB_SCHEMA_SHEETS_H
#define GUANAI_DB_SCHEMA_SHEETS_H

/* The SQL adding the sheets table and the referrals' unit and sheet. */
extern const char gu_db_schema_sheets[];

#endif
