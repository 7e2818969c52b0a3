#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The bash completion knows every command guanai has and is valid bash;
# with bash-completion installed, it completes commands, --lang values and
# answers files.
. "$top_srcdir/tests/tap.sh"
comp="$top_srcdir/completion/guanai"
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT

check "the completion script is valid bash" bash -n "$comp"
listed=$(sed -n 's/^ *local commands="\(.*\)"$/\1/p' "$comp")
for cmd in $("$GUANAI" --lang en --help | sed -n '/^Commands:/,/^$/s/^  \([a-z]*\) .*/\1/p'); do
	case " $listed " in
	*" $cmd "*) ok "the completion offers the command $cmd" ;;
	*) not_ok "the completion offers the command $cmd (add it to completion/guanai)" ;;
	esac
done

if [ -f /usr/share/bash-completion/bash_completion ]; then
	touch "$work/a.answers" "$work/b.txt"
	# complete WORDS...: prints what completing the last word offers.
	complete_words() {
		(cd "$work" && bash -c '. /usr/share/bash-completion/bash_completion; . "$0"
			COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
			COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
			_guanai guanai "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
			echo "${COMPREPLY[*]}"' "$comp" "$@")
	}
	check "guanai sc completes to screen" test "$(complete_words guanai sc)" = screen
	check "--lang completes to zh and en" test "$(complete_words guanai --lang '')" = "zh en"
	check "screen completes answers files only" test "$(complete_words guanai screen '')" = a.answers
else
	ok "# SKIP bash-completion is not installed"
fi
done_testing
