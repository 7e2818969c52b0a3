## SPDX-License-Identifier: GPL-3.0-or-later
## Tests: Criterion binaries and shell scripts, all speaking TAP to
## automake's TAP driver.  Further tests come from tests/*.mk.
TEST_EXTENSIONS = .sh
LOG_DRIVER = env AM_TAP_AWK='$(AWK)' $(SHELL) $(top_srcdir)/build-aux/tap-driver.sh
LOG_COMPILER = $(SHELL) $(top_srcdir)/tests/run-criterion.sh
SH_LOG_DRIVER = $(LOG_DRIVER)
SH_LOG_COMPILER = $(SHELL) $(top_srcdir)/tests/deadline.sh $(SHELL)

## A fixed environment for every test: UTF-8 locale, time zone, terminal
## and a private home, whatever the machine has.  Every database a test
## makes is encrypted with a first supervisor, "tester", whose password is
## in tests/home/password: the program's own defaults of --user and
## --password-file ($GUANAI_USER, $GUANAI_PASSWORD_FILE) log each command
## in.  The tests run guanai-test, the program with the cheap Argon2id
## limits of tests/keyslot_cheap.c linked in (never installed).
AM_TESTS_ENVIRONMENT = \
	LANG=C.UTF-8; LC_ALL=C.UTF-8; LANGUAGE=; TZ=Asia/Shanghai; \
	TERM=xterm-256color; COLUMNS=80; LINES=24; \
	HOME=$(abs_top_builddir)/tests/home; XDG_DATA_HOME=$(abs_top_builddir)/tests/home/data; \
	GUANAI_DB=; GUANAI_POLICY=$(abs_top_srcdir)/data/chaoyang-2024.policy; \
	top_srcdir=$(abs_top_srcdir); top_builddir=$(abs_top_builddir); \
	GUANAI=$(abs_top_builddir)/guanai-test; \
	GUANAI_USER=tester; GUANAI_PASSWORD_FILE=$(abs_top_builddir)/tests/home/password; \
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1; UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1; \
	unset GUANAI_UPDATE_GOLDEN; \
	export LANG LC_ALL LANGUAGE TZ TERM COLUMNS LINES HOME XDG_DATA_HOME GUANAI_DB GUANAI_POLICY \
	top_srcdir top_builddir GUANAI GUANAI_USER GUANAI_PASSWORD_FILE ASAN_OPTIONS UBSAN_OPTIONS; \
	mkdir -p $(abs_top_builddir)/tests/home; \
	test -s $$GUANAI_PASSWORD_FILE || { printf 'tester-password\n' > $$GUANAI_PASSWORD_FILE.$$$$ \
	  && mv -f $$GUANAI_PASSWORD_FILE.$$$$ $$GUANAI_PASSWORD_FILE; };

## What a program of the tests links: the two libraries and theirs; a
## Criterion suite links Criterion too, and is one line of a tests/*.mk
## (CTESTS += tests/test_NAME, built from tests/test_NAME.c with LDADD).
GU_LIBS = db/libdb.a core/libcore.a $(SQLITE_LIBS) $(SODIUM_LIBS) $(LIBINTL) $(LIBICONV)
LDADD = $(GU_LIBS) $(CRITERION_LIBS)
CTESTS =

EXTRA_DIST += tests/run-criterion.sh tests/deadline.sh tests/tap.sh tests/bench_util.h

## guanai with tests/keyslot_cheap.c linked before db/libdb.a, so its key
## slots and password hashes take milliseconds; the installed guanai always
## has the real limits (db/keyslot_limits.c).  Likewise its exchange clock
## moves by $GUANAI_TEST_CLOCK_SHIFT_MS (tests/exchange_clock_shift.c; the
## installed guanai has db/exchange_clock.c).
check_PROGRAMS += guanai-test
guanai_test_SOURCES = tests/keyslot_cheap.c tests/exchange_clock_shift.c
guanai_test_CFLAGS = $(AM_CFLAGS) $(SODIUM_CFLAGS)
guanai_test_LDADD = $(guanai_OBJECTS) $(guanai_LDADD)

## Shell tests that need only the program.
TESTS += tests/test_idle_lock.sh
EXTRA_DIST += tests/test_idle_lock.sh
TESTS += tests/test_open_marker.sh
EXTRA_DIST += tests/test_open_marker.sh
TESTS += tests/test_ledger_browser.sh tests/test_po.sh tests/test_cli.sh tests/test_cli_login.sh tests/test_cli_crypt.sh tests/test_config.sh \
	tests/test_cli_init.sh tests/test_compact.sh tests/test_ledger_cli.sh tests/test_township_import.sh \
	tests/test_completion.sh
EXTRA_DIST += tests/test_ledger_browser.sh tests/test_po.sh tests/test_cli.sh tests/test_cli_login.sh tests/test_cli_crypt.sh tests/test_config.sh \
	tests/test_cli_init.sh tests/test_compact.sh tests/test_ledger_cli.sh tests/test_township_import.sh \
	tests/test_completion.sh

## No test can hang: the timeouts themselves are tested, with a suite
## that hangs on purpose (built, never run alone).
if HAVE_CRITERION
check_PROGRAMS += tests/test_hang
tests_test_hang_LDADD = $(CRITERION_LIBS)
TESTS += tests/test_timeouts.sh
EXTRA_DIST += tests/test_timeouts.sh
endif

CTESTS += tests/test_answers

if HAVE_CRITERION
check_PROGRAMS += $(CTESTS)
TESTS += $(CTESTS)
else
check-local: no-criterion
no-criterion:
	@echo "Criterion is missing: install it (sudo apt-get install libcriterion-dev) and run configure again." >&2
	@exit 1
endif

## make update-golden: rewrites the golden screens from what the programs
## draw now.  Read every changed screen (git diff) before committing it;
## make check only ever compares.
update-golden: all $(check_PROGRAMS)
	@$(AM_TESTS_ENVIRONMENT) \
	for t in tests/test_tui.sh tests/test_screens.sh tests/test_office_screens.sh; do \
	  echo "== $$t --update-golden"; \
	  $(SHELL) $(srcdir)/$$t --update-golden | grep -v '^ok ' || :; \
	done; \
	cd $(srcdir) && git status --short tests/golden 2>/dev/null || :
.PHONY: update-golden

## make mutate: the test suite's mutation score (tests/mutants.txt, run by
## tests/mutate.pl); not part of make check.  The distributed tree is copied
## to tests/mutate-scratch, configured and built once; then each mutant
## rebuilds what it touches and runs the tests until the first failure.
## GUANAI_MUTANTS="3 17" runs only those mutants.
MUTATE_SCRATCH = tests/mutate-scratch
mutate: all
	rm -rf $(MUTATE_SCRATCH)
	$(MKDIR_P) $(MUTATE_SCRATCH)
	$(MAKE) $(AM_MAKEFLAGS) distdir distdir=$(MUTATE_SCRATCH)/src top_distdir=$(MUTATE_SCRATCH)/src
	cd $(MUTATE_SCRATCH)/src && { ./configure --quiet > ../configure.log 2>&1 \
	  && $(MAKE) -j2 check TESTS= > ../build.log 2>&1; } \
	  || { echo "mutate: the scratch copy does not build: see $(MUTATE_SCRATCH)/build.log" >&2; exit 1; }
	GUANAI_TEST_DEADLINE=300 perl $(srcdir)/tests/mutate.pl $(srcdir)/tests/mutants.txt \
	  $(MUTATE_SCRATCH)/src $(TESTS)
clean-local: clean-mutate
clean-mutate:
	-rm -rf $(MUTATE_SCRATCH)
.PHONY: mutate clean-mutate
EXTRA_DIST += tests/mutate.pl tests/mutants.txt

clean-local: clean-test-home
clean-test-home:
	-rm -rf tests/home tests/out
.PHONY: clean-test-home no-criterion

## make bench: every benchmark the tree has, printing its figures.
bench: all guanai-test $(BENCHES)
	@for tool in sqlite3 dialog; do \
	  command -v $$tool >/dev/null 2>&1 || \
	    echo "make bench: $$tool is not installed, so guanai is measured without it beside it (./bootstrap --bench installs it)"; \
	done
	@status=0; for b in $(BENCHES); do \
	  echo "== $$b"; \
	  case $$b in \
	    *.sh) top_srcdir=$(abs_top_srcdir) top_builddir=$(abs_top_builddir) \
	          GUANAI=$(abs_top_builddir)/guanai $(SHELL) $(srcdir)/$$b || status=1 ;; \
	    *) top_srcdir=$(abs_top_srcdir) top_builddir=$(abs_top_builddir) ./$$b || status=1 ;; \
	  esac; \
	done; exit $$status
.PHONY: bench

include $(srcdir)/tests/basics.mk
include $(srcdir)/tests/policy.mk
include $(srcdir)/tests/db.mk
include $(srcdir)/tests/exchange.mk
include $(srcdir)/tests/tui.mk
include $(srcdir)/tests/supervise.mk
include $(srcdir)/tests/screens.mk
include $(srcdir)/tests/paper.mk

## make installcheck (run by make distcheck): the installed program finds its
## translations and its policy file under the prefix it was configured with.
installcheck-local:
	@test -z "$(DESTDIR)" || exit 0; \
	prog=$(bindir)/guanai; \
	LANG=C.UTF-8 LC_ALL=C.UTF-8 GUANAI_POLICY= $$prog --lang zh --help | grep -q '^用法' \
	  || { echo "installcheck: the installed guanai shows no Chinese help" >&2; exit 1; }; \
	LANG=C.UTF-8 LC_ALL=C.UTF-8 GUANAI_POLICY= $$prog screen $(abs_top_srcdir)/tests/profiles/p02-left-behind-dibao.answers \
	  | grep -q '	25	eligible	' \
	  || { echo "installcheck: the installed guanai cannot screen with its installed policy file" >&2; exit 1; }; \
	echo "installcheck: the installed guanai speaks Chinese and finds its policy file"
