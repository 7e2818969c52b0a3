#include "config.h"
/* Pinyin search keys for names and matching a query against a name. */

#include <criterion/criterion.h>
#include <string.h>

#include "core/pinyin.h"

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
