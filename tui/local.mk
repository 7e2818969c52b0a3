## tui: the program, its screens and its subcommands.
bin_PROGRAMS += guanai
guanai_SOURCES = \
	tui/main.c \
	tui/commands.c tui/commands.h tui/commands.def \
	tui/locale.c tui/locale.h \
	tui/options.c tui/options.h \
	tui/interactive.c
guanai_CFLAGS = $(AM_CFLAGS) $(NCURSESW_CFLAGS) $(SQLITE_CFLAGS)
guanai_LDADD = db/libdb.a core/libcore.a \
	$(NCURSESW_LIBS) $(SQLITE_LIBS) $(SODIUM_LIBS) $(ICU_LIBS) $(LIBINTL) $(LIBICONV)

## The program run from the build tree finds its translations in locale/,
## made from the catalogues po/ has just built (SUBDIRS builds po first).
all-local: locale-tree
locale-tree:
	$(AM_V_GEN)for lang in `cat $(top_srcdir)/po/LINGUAS`; do \
	  gmo=$(top_builddir)/po/$$lang.gmo; \
	  test -f $$gmo || gmo=$(top_srcdir)/po/$$lang.gmo; \
	  $(MKDIR_P) locale/$$lang/LC_MESSAGES && \
	  cp -f $$gmo locale/$$lang/LC_MESSAGES/$(PACKAGE).mo || exit 1; \
	done
clean-local: clean-locale-tree
clean-locale-tree:
	-rm -rf locale
.PHONY: locale-tree clean-locale-tree
