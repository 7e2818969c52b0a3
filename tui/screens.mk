## The supervision screens: who is working (login, users), the case list,
## one case in full, and the dashboard.  Their tests: tests/screens.mk.
guanai_SOURCES += tui/screens_supervise.h tui/screens_util.c tui/screens_util.h \
	tui/screen_login.c tui/screen_users.c tui/screen_cases.c \
	tui/screen_caseview.c tui/caseview.h tui/caseview_actions.c \
	tui/screen_dashboard.c

include $(srcdir)/tests/screens.mk
