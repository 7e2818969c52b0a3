## SPDX-License-Identifier: GPL-3.0-or-later
## core basics: dates, ID numbers, region codes, text width.
core_libcore_a_SOURCES += \
	core/date.c \
	core/idcard.c \
	core/family.c core/family.h \
	core/region.c core/region_table.c
# The national list of region codes is data (data/regions-gb2260.tsv); the
# C table is generated from it.
nodist_core_libcore_a_SOURCES = core/region_list.c
core/region_list.c: $(srcdir)/data/regions-gb2260.tsv $(srcdir)/core/region_list.awk
	$(AM_V_GEN)$(AWK) -f $(srcdir)/core/region_list.awk $(srcdir)/data/regions-gb2260.tsv > $@.tmp \
		&& mv $@.tmp $@
CLEANFILES += core/region_list.c
EXTRA_DIST += data/regions-gb2260.tsv core/region_list.awk
core_libcore_a_SOURCES += core/csv.c core/csv.h
core_libcore_a_SOURCES += core/recode.c core/recode.h
core_libcore_a_SOURCES += core/pinyin.c core/pinyin.h
core_libcore_a_CPPFLAGS = $(AM_CPPFLAGS) $(ICU_CFLAGS)
core_libcore_a_SOURCES += core/settings.c core/settings.h
# The townships and streets of the city's counties are data
# (data/townships-chaoyang.tsv, with its source); the C table is generated
# from it.
core_libcore_a_SOURCES += core/township.c core/township.h
nodist_core_libcore_a_SOURCES += core/township_list.c
core/township_list.c: $(srcdir)/data/townships-chaoyang.tsv $(srcdir)/core/township_list.awk
	$(AM_V_GEN)$(AWK) -f $(srcdir)/core/township_list.awk $(srcdir)/data/townships-chaoyang.tsv \
		> $@.tmp && mv $@.tmp $@
CLEANFILES += core/township_list.c
EXTRA_DIST += data/townships-chaoyang.tsv core/township_list.awk
