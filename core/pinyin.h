/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Search keys for Chinese names: full toneless pinyin (张小红 → zhangxiaohong)
 * and initials (zxh), and deciding whether a search query matches a name.
 *
 * The pinyin comes from ICU's Han-Latin transliterator, opened on first use
 * (loading it takes a noticeable moment and some memory) and kept until
 * gu_pinyin_close().  ICU itself is not linked into the program: its library
 * (libicui18n.so.N of the version built against) is loaded at the first use
 * and stays loaded.  When it cannot be loaded, computing keys fails with a
 * message saying how to install it, and it is not tried again; matching
 * stored keys and the name's own characters needs no ICU.
 * Not for use from several threads at once.
 *
 * Known limit: ICU gives each character its most common reading, which is
 * wrong for many polyphonic surnames (单 shan, not dan; 曾 zeng, not ceng).
 * The surnames in a small table here (单 曾 解 仇 区 朴 查 乐 覃 缪 盖 秘 种
 * 折 翟 繁 员 召 阚 重 隗 句, and the compound 尉迟 万俟) are read as surnames
 * when they begin the name; other polyphonic surnames, and polyphonic
 * characters in given names (长 chang/zhang, 行 xing/hang), may still get a
 * reading the family does not use.  Searching by the Chinese characters
 * always works.  Characters ICU cannot read (such as 𠮷 U+20BB7) and
 * letters of other scripts are left out of the keys. */
#ifndef GUANAI_CORE_PINYIN_H
#define GUANAI_CORE_PINYIN_H

#include <stdbool.h>
#include "core/error.h"

typedef struct gu_pinyin {
	char *full;      /* "zhangxiaohong": lower-case a-z and 0-9 only */
	char *initials;  /* "zxh": the first letter or digit of each syllable or word */
} gu_pinyin;

/* Computes the search keys of a name (UTF-8).  Returns 0 and fills out
 * (free with gu_pinyin_free), or -GU_EINVAL (not UTF-8), -GU_ENOMEM or
 * -GU_ENOTFOUND (the ICU library or its transliterator is not available)
 * with err set. */
int gu_pinyin_keys(const char *name, gu_pinyin *out, gu_error *err);
/* Frees the keys and leaves them NULL. */
void gu_pinyin_free(gu_pinyin *p);
/* Returns true when query matches a name whose keys are full and initials
 * (either may be NULL): the query is part of the name itself (one Chinese
 * character is enough; letters compared without case), part of the full
 * pinyin, or the start of the initials.  Spaces and apostrophes in the query
 * are ignored, and v stands for ü (lv finds 吕).  An empty query matches. */
bool gu_pinyin_match_keys(const char *query, const char *name, const char *full,
	const char *initials);
/* Returns true when query matches name, computing the name's keys; when they
 * cannot be computed only the name itself is compared. */
bool gu_pinyin_match(const char *query, const char *name);
/* Closes the transliterator if it is open (it opens again when needed). */
void gu_pinyin_close(void);
/* Returns true while the transliterator is open. */
bool gu_pinyin_is_open(void);
/* Returns true once the ICU library has been loaded (it stays loaded). */
bool gu_pinyin_icu_loaded(void);
/* Makes the next load of ICU use the library soname (a file name or path as
 * dlopen takes it, kept by pointer: it must stay valid) instead of the usual
 * names; NULL restores them.  Forgets an earlier failure to load.  Returns
 * false and changes nothing once ICU is loaded.  For tests, and for systems
 * that keep ICU elsewhere. */
bool gu_pinyin_use_library(const char *soname);

#endif
