/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The migration letting the policy file travel with the exchange
 * and the office list its bundles (db/schema_policy_travel.c). */
#ifndef GUANAI_DB_SCHEMA_POLICY_TRAVEL_H
#define GUANAI_DB_SCHEMA_POLICY_TRAVEL_H

/* The SQL adding the policy hashes the exchange keeps, the count of cases
 * of a received bundle and the list of refused bundles. */
extern const char gu_db_schema_policy_travel[];

#endif
