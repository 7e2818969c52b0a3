## Documents installed under $(docdir).
dist_doc_DATA += README.md
dist_doc_DATA += docs/policy-format.md
dist_doc_DATA += docs/privacy.md
