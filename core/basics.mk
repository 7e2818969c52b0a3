## core basics: dates, ID numbers, region codes, text width.
core_libcore_a_SOURCES += \
	core/date.c \
	core/idcard.c \
	core/region.c core/region_table.c
core_libcore_a_SOURCES += core/csv.c core/csv.h
core_libcore_a_SOURCES += core/pinyin.c core/pinyin.h
core_libcore_a_CPPFLAGS = $(AM_CPPFLAGS) $(ICU_CFLAGS)
core_libcore_a_SOURCES += core/settings.c core/settings.h
