## The policy files, installed under $(pkgdatadir).
