## SPDX-License-Identifier: GPL-3.0-or-later
## Tests of core's basics: dates, ID numbers, region codes, CSV, pinyin,
## settings (included by tests/local.mk).  A Criterion suite is one line.
CTESTS += tests/test_date
CTESTS += tests/test_idcard
CTESTS += tests/test_region
CTESTS += tests/test_township
CTESTS += tests/test_csv
CTESTS += tests/test_pinyin
CTESTS += tests/test_settings
