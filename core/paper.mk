## SPDX-License-Identifier: GPL-3.0-or-later
## core papers: printed documents (HTML for A4, plain text), the referral
## sheet with its return slip and the consent form.
core_libcore_a_SOURCES += core/doc.c core/doc.h core/doc_html.c core/doc_text.c \
	core/sheet.h core/sheet_referral.c core/sheet_consent.c core/sheet_dept.c
