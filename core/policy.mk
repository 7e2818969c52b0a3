## SPDX-License-Identifier: GPL-3.0-or-later
## core policy: the policy file, expressions, skip logic, evaluation.
core_libcore_a_SOURCES += \
	core/policy_internal.h \
	core/policy_lines.c core/policy_lines.h \
	core/policy_load.c \
	core/policy_access.c \
	core/expr.c core/expr.h \
	core/qtype.c core/qtype.h \
	core/strbuf.c core/strbuf.h \
	core/check.c \
	core/checks.c core/checks.h \
	core/plan.c \
	core/stale.c core/stale.h \
	core/eval.c core/eval_internal.h \
	core/explain.c core/explain.h \
	core/sha256.c core/sha256.h
## The regular visits' schedule, from the policy's parameters.
core_libcore_a_SOURCES += core/visit_schedule.c core/visit_schedule.h
