## SPDX-License-Identifier: GPL-3.0-or-later
## Documents installed under $(docdir).
dist_doc_DATA += README.md
dist_doc_DATA += docs/policy-format.md
## Manual pages, in English and in Chinese (man -L zh_CN guanai).  groff
## breaks lines only at spaces: the Chinese pages are written plainly and
## installed with a break point after each Chinese character.
dist_man1_MANS = docs/man/guanai.1
dist_man5_MANS = docs/man/guanai-policy.5
zhman1dir = $(mandir)/zh_CN/man1
zhman5dir = $(mandir)/zh_CN/man5
zhman1_DATA = docs/man/zh_CN/guanai.1
zhman5_DATA = docs/man/zh_CN/guanai-policy.5
EXTRA_DIST += docs/man/cjk-breaks.sed \
	docs/man/zh_CN/guanai.1.in docs/man/zh_CN/guanai-policy.5.in
CLEANFILES += $(zhman1_DATA) $(zhman5_DATA)
docs/man/zh_CN/guanai.1: docs/man/zh_CN/guanai.1.in docs/man/cjk-breaks.sed
docs/man/zh_CN/guanai-policy.5: docs/man/zh_CN/guanai-policy.5.in docs/man/cjk-breaks.sed
$(zhman1_DATA) $(zhman5_DATA):
	$(AM_V_GEN)$(MKDIR_P) docs/man/zh_CN && \
	LC_ALL=C $(SED) -f $(srcdir)/docs/man/cjk-breaks.sed $(srcdir)/$@.in > $@-t && mv -f $@-t $@
dist_doc_DATA += docs/config.example
dist_doc_DATA += docs/architecture.md
dist_doc_DATA += docs/privacy.md
dist_doc_DATA += docs/exchange.md docs/scale.md
