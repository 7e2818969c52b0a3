## SPDX-License-Identifier: GPL-3.0-or-later
## Tests of the paper the departments accept: sheets and their record,
## follow-ups that make sense, dates by interview, closing a case
## (included by tests/local.mk).  A Criterion suite is one line.
CTESTS += tests/test_sheet
CTESTS += tests/test_doc_figures
CTESTS += tests/test_referral
CTESTS += tests/test_referral_outcome
CTESTS += tests/test_dashboard_dates
CTESTS += tests/test_dashboard_counts
CTESTS += tests/test_closure
TESTS += tests/test_sheet_browser.sh
EXTRA_DIST += tests/test_sheet_browser.sh
CTESTS += tests/test_visits

## guanai visit and guanai visits: regular visits from the command line.
TESTS += tests/test_visits_cli.sh
EXTRA_DIST += tests/test_visits_cli.sh
TESTS += tests/test_referral_cli.sh
EXTRA_DIST += tests/test_referral_cli.sh
TESTS += tests/test_close_laptop.sh
EXTRA_DIST += tests/test_close_laptop.sh
