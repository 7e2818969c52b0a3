# SPDX-License-Identifier: GPL-3.0-or-later
# Lets groff break Chinese text between any two characters, as Chinese is
# set: a zero-width break point (\:) after each three-byte UTF-8 character
# (the Chinese characters and marks) but none before a closing mark, and
# no space where a source line ends in one.  Requests and unfilled (.nf)
# text are left alone.
# Run with LC_ALL=C: it works on bytes.
/^\.nf/,/^\.fi/b
/^\./b
s/\([\xe0-\xef][\x80-\xbf][\x80-\xbf]\)/\1\\:/g
s/\\:\(，\|。\|；\|：\|、\|）\|”\|？\|！\)/\1/g
s/\\:$/\\:\\c/
