## SPDX-License-Identifier: GPL-3.0-or-later
## The policy files, installed under $(pkgdatadir).
dist_pkgdata_DATA += data/chaoyang-2024.policy
