## SPDX-License-Identifier: GPL-3.0-or-later
## core: pure C, no curses, no SQLite.  Built as an internal library that
## the program and the tests link.  Further sources are added by
## core/policy.mk and core/basics.mk.
noinst_LIBRARIES += core/libcore.a
core_libcore_a_SOURCES = \
	core/i18n.c core/i18n.h \
	core/error.c core/error.h \
	core/answers.c core/answers.h \
	core/keys.h core/policy.h core/plan.h core/eval.h \
	core/date.h core/idcard.h core/region.h \
	core/text.c core/text.h

include $(srcdir)/core/basics.mk
include $(srcdir)/core/policy.mk
## The exchange envelope (docs/exchange.md): keys, sign and seal.
core_libcore_a_SOURCES += core/bundle.c core/bundle.h core/bundle_body.c core/bundle_body.h
core_libcore_a_CPPFLAGS += $(SODIUM_CFLAGS) $(ZLIB_CFLAGS)
## Printed documents (HTML for A4, plain text): the referral sheet with
## its return slip and the consent form.
core_libcore_a_SOURCES += core/doc.c core/doc.h core/doc_html.c core/doc_text.c \
	core/sheet.h core/sheet_referral.c core/sheet_consent.c core/sheet_dept.c
