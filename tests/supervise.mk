## SPDX-License-Identifier: GPL-3.0-or-later
## Tests of supervision and follow-up: users and roles, access rules, case
## search, review decisions, the dashboard, re-screening and the CSV export,
## with their commands and benchmark (included by tests/local.mk).  A
## Criterion suite is one line, built from tests/NAME.c.

EXTRA_DIST += tests/test_supervise_util.h
CTESTS += tests/test_auth
CTESTS += tests/test_supervise
CTESTS += tests/test_search
CTESTS += tests/test_export
CTESTS += tests/test_rescreen
CTESTS += tests/test_supervise_access
## the CSV the case list writes is tui's code, tested on its own
CTESTS += tests/test_cases_csv
tests_test_cases_csv_SOURCES = tests/test_cases_csv.c tui/cases_csv.c tui/login_cli.c \
	tui/options.c tui/policy_office.c tui/locale.c tests/keyslot_cheap.c
TESTS += tests/test_supervise_cli.sh tests/test_dashboard_cli.sh
EXTRA_DIST += tests/test_supervise_cli.sh tests/test_dashboard_cli.sh
## make bench: the case list, search keystrokes and the dashboard on
## 100,000 cases, beside the sqlite3 shell.
check_PROGRAMS += tests/bench_supervise
tests_bench_supervise_LDADD = $(GU_LIBS)
BENCHES += tests/bench_supervise

## guanai report: a case's mandatory reports from the command line.
TESTS += tests/test_report_cli.sh tests/test_report_screen.sh
EXTRA_DIST += tests/test_report_cli.sh tests/test_report_screen.sh
TESTS += tests/test_export_stale.sh
EXTRA_DIST += tests/test_export_stale.sh
