## The policy files, installed under $(pkgdatadir).
dist_pkgdata_DATA += data/chaoyang-2024.policy
