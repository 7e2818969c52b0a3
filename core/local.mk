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
include $(srcdir)/core/paper.mk
