## SPDX-License-Identifier: GPL-3.0-or-later
## tui: the program, its screens and its subcommands.
bin_PROGRAMS += guanai
guanai_SOURCES = \
	tui/main.c \
	tui/commands.c tui/commands.h tui/commands.def \
	tui/locale.c tui/locale.h \
	tui/config_files.c tui/config_files.h tui/cmd_config.c \
	tui/options.c tui/options.h tui/policy_office.c \
	tui/interactive.c tui/app.h \
	tui/input.c tui/input.h tui/harness.c tui/harness.h \
	tui/colors.c tui/colors.h tui/layout.c tui/layout.h tui/paint.h \
	tui/listview.c tui/listview.h tui/list_cursor.c tui/list_cursor.h tui/screen.c tui/screen.h tui/interview.h \
	tui/widget.h tui/widget_paint.c tui/widget_edit.c tui/widget_field.c \
	tui/widget_choice.c tui/widget_date.c tui/widget_idnum.c \
	tui/widget_county.c tui/widget_int.c tui/widget_text.c tui/widget_township.c \
	tui/screen_frame.c tui/screen_session.c tui/screen_start.c \
	tui/screen_list.c tui/screen_interview.c tui/screen_roster.c tui/screen_same_child.c tui/screen_relatives.c \
	tui/screen_result.c tui/screen_item.c tui/screen_finish.c \
	tui/screen_small.c
## Another child of this family: its interview started from a case.
guanai_SOURCES += tui/family.c tui/family.h tui/cmd_case.c
## The policy's checks on the open case (at the question, on the results).
guanai_SOURCES += tui/answer_checks.c tui/answer_checks.h
## Mandatory reports: the alert box and the report form.
guanai_SOURCES += tui/screen_report.c tui/screen_report.h tui/screen_report_form.c
## The supervision screens: who is working (login, users), the case list,
## one case in full, and the dashboard.  Their tests: tests/screens.mk.
guanai_SOURCES += tui/screens_supervise.h tui/screens_util.c tui/screens_util.h \
	tui/screen_login.c tui/screen_users.c tui/screen_cases.c \
	tui/screen_caseview.c tui/caseview.h tui/answer_words.c tui/answer_words.h tui/caseview_actions.c tui/caseview_visit.c \
	tui/caseview_reasons.c tui/screen_dashboard.c tui/screen_visits.c
## The subcommands.
guanai_SOURCES += tui/cmd_cases.c tui/cmd_check.c tui/cmd_backup.c tui/cmd_compact.c \
	tui/cmd_import.c tui/cmd_export.c tui/cmd_screen.c
guanai_SOURCES += tui/login_cli.c tui/login_cli.h tui/cmd_users.c tui/cmd_review.c \
	tui/cmd_followup.c tui/cmd_dashboard.c
guanai_SOURCES += tui/cases_csv.c tui/cases_csv.h
guanai_SOURCES += tui/cmd_rescreen.c tui/cmd_purge.c
guanai_SOURCES += tui/cmd_init.c
guanai_SOURCES += tui/cmd_sheet.c tui/sheet_print.c tui/sheet_print.h
guanai_SOURCES += tui/cmd_report.c
guanai_SOURCES += tui/cmd_visit.c tui/cmd_visits.c
guanai_SOURCES += tui/cmd_ledger.c tui/ledger_doc.c tui/ledger_doc.h
guanai_CFLAGS = $(AM_CFLAGS) $(NCURSESW_CFLAGS) $(SQLITE_CFLAGS)
guanai_LDADD = db/libdb.a core/libcore.a \
	$(NCURSESW_LIBS) $(SQLITE_LIBS) $(SODIUM_LIBS) $(LIBINTL) $(LIBICONV)

## The program run from the build tree finds its translations in locale/,
## copied from the catalogues po/ has just built (SUBDIRS builds po first);
## the copy is made again only when a catalogue is newer than it.
all-local: locale/stamp
locale/stamp: $(top_srcdir)/po/LINGUAS $(GU_CATALOGUES)
	$(AM_V_GEN)for lang in `cat $(top_srcdir)/po/LINGUAS`; do \
	  gmo=$(top_builddir)/po/$$lang.gmo; \
	  test -f $$gmo || gmo=$(top_srcdir)/po/$$lang.gmo; \
	  $(MKDIR_P) locale/$$lang/LC_MESSAGES && \
	  cp -f $$gmo locale/$$lang/LC_MESSAGES/$(PACKAGE).mo || exit 1; \
	done; \
	echo timestamp > $@
clean-local: clean-locale-tree
clean-locale-tree:
	-rm -rf locale
.PHONY: clean-locale-tree
## The exchange between laptops and their office (docs/exchange.md).
guanai_SOURCES += tui/exchange_cli.c tui/exchange_cli.h tui/cmd_office.c tui/cmd_enroll.c \
	tui/cmd_devices.c tui/cmd_send.c tui/cmd_receive.c tui/cmd_conflicts.c \
	tui/cmd_duplicates.c tui/cmd_assign.c
guanai_SOURCES += tui/screen_exchange.c tui/screen_exchange.h tui/screen_conflicts.c tui/conflict_words.c tui/conflict_words.h \
	tui/screen_duplicates.c
