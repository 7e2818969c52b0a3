/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* A laptop's recovery key kept at the office (docs/privacy.md): sealed to
 * the office's X25519 key (crypto_box_seal) by the laptop when it enrols,
 * as hexadecimal digits; only the office's secret key opens it.  '' for a
 * device that enrolled without one.  Only adds. */

#include "db/schema_recovery.h"

const char gu_db_schema_recovery[] =
	"ALTER TABLE xchg_devices ADD COLUMN recovery_sealed TEXT NOT NULL DEFAULT '';";
