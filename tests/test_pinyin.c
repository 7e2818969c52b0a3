/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Pinyin search keys for names and matching a query against a name. */

#include <criterion/criterion.h>
#include <dlfcn.h>
#include <libintl.h>
#include <link.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/pinyin.h"

/* A library name that no system has. */
#define NO_SUCH_LIBRARY "libguanai-test-no-such-icu.so.0"

/* Returns 1 for the loaded object of ICU's i18n library, else 0. */
static int is_icu(struct dl_phdr_info *info, size_t size, void *data)
{
	(void)size;
	(void)data;
	return info->dlpi_name && strstr(info->dlpi_name, "libicui18n") != NULL;
}

/* Returns true when ICU's i18n library is loaded in this process, as the
 * dynamic loader sees it. */
static bool icu_in_process(void)
{
	return dl_iterate_phdr(is_icu, NULL) != 0;
}

/* Writes into buf the loader's message for a library that does not exist. */
static void missing_library_reason(char *buf, size_t size)
{
	void *h = dlopen(NO_SUCH_LIBRARY, RTLD_LAZY | RTLD_LOCAL);

	cr_assert_null(h, NO_SUCH_LIBRARY " exists");
	snprintf(buf, size, "%s", dlerror());
}

/* Expects msg to be the message template fmt (a "(%s)" then "libicu%d")
 * filled with reason and some ICU version number. */
static void expect_missing_message(const char *msg, const char *fmt, const char *reason)
{
	const char *s = strstr(fmt, "%s"), *d = strstr(fmt, "%d");
	size_t head = (size_t)(s - fmt), mid, rlen = strlen(reason);

	cr_assert(s && d && s < d, "the message takes the reason, then the version");
	mid = (size_t)(d - s - 2);
	cr_assert_eq(strncmp(msg, fmt, head), 0, "start of \"%s\"", msg);
	msg += head;
	cr_assert_eq(strncmp(msg, reason, rlen), 0, "the loader's reason in \"%s\"", msg);
	msg += rlen;
	cr_assert_eq(strncmp(msg, s + 2, mid), 0, "middle of \"%s\"", msg);
	msg += mid;
	cr_assert(*msg >= '1' && *msg <= '9', "ICU's version in \"%s\"", msg);
	while (*msg >= '0' && *msg <= '9')
		msg++;
	cr_assert_str_eq(msg, d + 2);
}

/* Expects the keys of name to be full and initials. */
static void expect_keys(const char *name, const char *full, const char *initials)
{
	gu_pinyin k;
	gu_error err;

	cr_assert_eq(gu_pinyin_keys(name, &k, &err), 0, "%s: %s", name, err.message);
	cr_assert_str_eq(k.full, full, "full pinyin of %s", name);
	cr_assert_str_eq(k.initials, initials, "initials of %s", name);
	gu_pinyin_free(&k);
	cr_assert_null(k.full);
}

TestSuite(pinyin, .timeout = 60);

Test(pinyin, keys_of_chinese_names)
{
	expect_keys("张小红", "zhangxiaohong", "zxh");
	expect_keys("欧阳娜娜", "ouyangnana", "oynn");
	expect_keys("吕布", "lubu", "lb");
	expect_keys("刘䶮", "liuyan", "ly");
}

Test(pinyin, polyphonic_surnames_in_the_table_read_as_surnames)
{
	expect_keys("单田芳", "shantianfang", "stf");
	expect_keys("曾国藩", "zengguofan", "zgf");
	expect_keys("尉迟恭", "yuchigong", "ycg");
	expect_keys("田单", "tiandan", "td");
}

Test(pinyin, keys_of_other_names)
{
	expect_keys("Anna Li", "annali", "al");
	expect_keys("王·小明", "wangxiaoming", "wxm");
	expect_keys("𠮷", "", "");
	expect_keys("", "", "");
}

Test(pinyin, invalid_utf8_is_an_error)
{
	gu_pinyin k;
	gu_error err;

	cr_assert_eq(gu_pinyin_keys("张\xFF", &k, &err), -GU_EINVAL);
	cr_assert_eq(err.code, GU_EINVAL);
	cr_assert_null(k.full);
}

Test(pinyin, full_pinyin_and_initials_find_the_name)
{
	cr_assert(gu_pinyin_match("zhangxiaohong", "张小红"));
	cr_assert(gu_pinyin_match("zhang", "张小红"), "prefix");
	cr_assert(gu_pinyin_match("xiaohong", "张小红"), "part");
	cr_assert(gu_pinyin_match("ZhangXiaoHong", "张小红"), "case ignored");
	cr_assert(gu_pinyin_match("zhang xiao hong", "张小红"), "spaces ignored");
	cr_assert(gu_pinyin_match("zxh", "张小红"));
	cr_assert(gu_pinyin_match("zx", "张小红"), "start of the initials");
	cr_assert(gu_pinyin_match("lv", "吕布"), "v for ü");
	cr_assert_not(gu_pinyin_match("xh", "张小红"), "initials match from the start");
	cr_assert_not(gu_pinyin_match("wang", "张小红"));
	cr_assert_not(gu_pinyin_match("zxm", "张小红"));
}

Test(pinyin, chinese_queries_match_the_characters)
{
	cr_assert(gu_pinyin_match("红", "张小红"), "one character");
	cr_assert(gu_pinyin_match("张小红", "张小红"));
	cr_assert(gu_pinyin_match(" 小红 ", "张小红"), "blanks at the ends");
	cr_assert_not(gu_pinyin_match("洪", "张小红"), "same sound, other character");
	cr_assert_not(gu_pinyin_match("张小红红", "张小红"));
}

Test(pinyin, non_chinese_names)
{
	cr_assert(gu_pinyin_match("anna", "Anna Li"));
	cr_assert(gu_pinyin_match("LI", "Anna Li"));
	cr_assert(gu_pinyin_match("al", "Anna Li"), "initials");
	cr_assert_not(gu_pinyin_match("bob", "Anna Li"));
}

Test(pinyin, empty_query_matches_everything)
{
	cr_assert(gu_pinyin_match("", "张小红"));
	cr_assert(gu_pinyin_match("  ", "张小红"));
	cr_assert(gu_pinyin_match(NULL, "张小红"));
}

Test(pinyin, stored_keys_without_icu)
{
	cr_assert(gu_pinyin_match_keys("zxh", "张小红", "zhangxiaohong", "zxh"));
	cr_assert(gu_pinyin_match_keys("红", "张小红", NULL, NULL));
	cr_assert_not(gu_pinyin_match_keys("zxh", "张小红", NULL, NULL), "no keys: only the name");
}

Test(pinyin, opens_lazily_and_closes)
{
	gu_pinyin_close();
	cr_assert_not(gu_pinyin_is_open());
	cr_assert(gu_pinyin_match_keys("zxh", "张小红", "zhangxiaohong", "zxh"));
	cr_assert_not(gu_pinyin_is_open(), "stored keys need no transliterator");
	cr_assert(gu_pinyin_match("zxh", "张小红"));
	cr_assert(gu_pinyin_is_open());
	gu_pinyin_close();
	cr_assert_not(gu_pinyin_is_open());
	cr_assert(gu_pinyin_match("zhang", "张小红"), "opens again");
	gu_pinyin_close();
}

Test(pinyin, icu_is_loaded_at_the_first_use_only)
{
	gu_pinyin k;
	gu_error err;

	cr_assert_not(icu_in_process(), "ICU must not be linked: it loads when a name needs pinyin");
	cr_assert_not(gu_pinyin_icu_loaded());
	cr_assert(gu_pinyin_match_keys("zxh", "张小红", "zhangxiaohong", "zxh"));
	cr_assert(gu_pinyin_match_keys("红", "张小红", NULL, NULL));
	cr_assert_not(icu_in_process(), "stored keys and characters need no ICU");
	cr_assert_eq(gu_pinyin_keys("张小红", &k, &err), 0, "%s", err.message);
	cr_assert_str_eq(k.full, "zhangxiaohong");
	gu_pinyin_free(&k);
	cr_assert(icu_in_process(), "the first name loads ICU");
	cr_assert(gu_pinyin_icu_loaded());
	gu_pinyin_close();
	cr_assert(gu_pinyin_icu_loaded(), "the library stays loaded");
	cr_assert_not(gu_pinyin_use_library(NO_SUCH_LIBRARY), "too late once loaded");
	cr_assert(gu_pinyin_match("zxh", "张小红"), "still works");
	gu_pinyin_close();
}

Test(pinyin, missing_icu_says_what_to_install_and_what_still_works)
{
	static const char fmt[] = "search by pinyin needs the ICU library, which cannot be loaded (%s); install it (on Debian and Ubuntu: sudo apt-get install libicu%d) and start guanai again; searching by a part of the name or by ID number still works";
	char reason[384];
	gu_pinyin k;
	gu_error err;

	missing_library_reason(reason, sizeof reason);
	cr_assert(gu_pinyin_use_library(NO_SUCH_LIBRARY));
	cr_assert_eq(gu_pinyin_keys("张小红", &k, &err), -GU_ENOTFOUND);
	cr_assert_eq(err.code, GU_ENOTFOUND);
	cr_assert_null(k.full);
	cr_assert_null(k.initials);
	expect_missing_message(err.message, fmt, reason);
	cr_assert_not(gu_pinyin_icu_loaded());
	cr_assert_not(icu_in_process());
	cr_assert_eq(gu_pinyin_keys("李四", &k, &err), -GU_ENOTFOUND, "not tried again");
	expect_missing_message(err.message, fmt, reason);
	cr_assert(gu_pinyin_match("小红", "张小红"), "the name's characters still match");
	cr_assert_not(gu_pinyin_match("zxh", "张小红"), "no pinyin without ICU");
	cr_assert(gu_pinyin_match_keys("zxh", "张小红", "zhangxiaohong", "zxh"), "stored keys still match");
	cr_assert(gu_pinyin_use_library(NULL), "back to the usual names");
	cr_assert_eq(gu_pinyin_keys("张小红", &k, &err), 0, "%s", err.message);
	cr_assert_str_eq(k.initials, "zxh");
	gu_pinyin_free(&k);
	gu_pinyin_close();
}

Test(pinyin, a_library_without_icu_functions_is_refused)
{
	gu_pinyin k;
	gu_error err;

	cr_assert(gu_pinyin_use_library("libc.so.6"));
	cr_assert_eq(gu_pinyin_keys("张小红", &k, &err), -GU_ENOTFOUND);
	cr_assert(strstr(err.message, "utrans_openU"), "names the missing function: %s", err.message);
	cr_assert(strstr(err.message, "sudo apt-get install libicu"), "%s", err.message);
	cr_assert_not(gu_pinyin_icu_loaded());
	cr_assert_not(gu_pinyin_match("zxh", "张小红"));
}

Test(pinyin, missing_icu_message_is_translated)
{
	static const char msgid[] = "search by pinyin needs the ICU library, which cannot be loaded (%s); install it (on Debian and Ubuntu: sudo apt-get install libicu%d) and start guanai again; searching by a part of the name or by ID number still works";
	static const char zh[] = "按拼音查找需要 ICU 库，但它无法加载（%s）；请安装它（Debian 和 Ubuntu：sudo apt-get install libicu%d），然后重新启动关爱程序；按姓名的一部分或身份证号码查找仍然可用";
	const char *top = getenv("top_builddir");
	char dir[1024], mo[1200], reason[384];
	gu_pinyin k;
	gu_error err;

	if (!top)
		cr_assert_fail("top_builddir is not set (run through make check)");
	snprintf(dir, sizeof dir, "%s/locale", top);
	snprintf(mo, sizeof mo, "%s/zh_CN/LC_MESSAGES/%s.mo", dir, PACKAGE);
	if (access(mo, R_OK) != 0)
		cr_assert_fail("the Chinese catalogue is not built (make builds it in locale/)");
	if (!setlocale(LC_ALL, "zh_CN.UTF-8") && !setlocale(LC_ALL, "zh_CN.utf8"))
		cr_assert_fail("the zh_CN.UTF-8 locale is not generated on this machine (./bootstrap generates it)");
	unsetenv("LANGUAGE");
	cr_assert_not_null(bindtextdomain(PACKAGE, dir));
	cr_assert_not_null(textdomain(PACKAGE));
	if (strcmp(gettext(msgid), msgid) == 0)
		cr_assert_fail("the Chinese catalogue does not translate the message");
	missing_library_reason(reason, sizeof reason);
	cr_assert(gu_pinyin_use_library(NO_SUCH_LIBRARY));
	cr_assert_eq(gu_pinyin_keys("张小红", &k, &err), -GU_ENOTFOUND);
	expect_missing_message(err.message, zh, reason);
}

/* Returns true when s is well-formed UTF-8 (lead and continuation bytes only). */
static bool is_utf8(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		int more = *p < 0x80 ? 0 : (*p & 0xE0) == 0xC0 ? 1 : (*p & 0xF0) == 0xE0 ? 2
			: (*p & 0xF8) == 0xF0 ? 3 : -1;

		if (more < 0)
			return false;
		p++;
		for (; more > 0; more--, p++)
			if ((*p & 0xC0) != 0x80)
				return false;
	}
	return true;
}

Test(pinyin, a_long_reason_is_cut_between_characters)
{
	static char name[700];
	gu_pinyin k;
	gu_error err;

	/* 没 is three bytes: somewhere one of them meets the cut. */
	for (size_t i = 0; i + 4 < sizeof name; i += 3)
		memcpy(name + i, "没", 3);
	cr_assert(gu_pinyin_use_library(name));
	cr_assert_eq(gu_pinyin_keys("张小红", &k, &err), -GU_ENOTFOUND);
	cr_assert(is_utf8(err.message), "%s", err.message);
	cr_assert(strstr(err.message, "sudo apt-get install libicu"), "%s", err.message);
	cr_assert(strstr(err.message, "by ID number still works"), "%s", err.message);
}
