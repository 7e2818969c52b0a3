## SPDX-License-Identifier: GPL-3.0-or-later
## Tab completion for bash, installed where bash-completion looks for it.
bashcompletiondir = $(datadir)/bash-completion/completions
dist_bashcompletion_DATA = completion/guanai
