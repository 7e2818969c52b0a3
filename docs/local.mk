## Documents installed under $(docdir).
dist_doc_DATA += README.md
