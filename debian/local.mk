## The Debian package.  "make deb" builds it from the release tarball in a
## folder of its own, so the tree it is run from keeps its build, and leaves
## guanai_VERSION_ARCH.deb here.
EXTRA_DIST += debian/changelog debian/control debian/copyright debian/rules \
	debian/source/format debian/source/lintian-overrides \
	debian/guanai.install debian/guanai.lintian-overrides debian/local.mk

deb: dist
	@version=`cd $(srcdir) && dpkg-parsechangelog -S Version`; \
	test "$$version" = "$(VERSION)" || { \
	  echo "make deb: debian/changelog is at $$version but configure.ac at $(VERSION); add a debian/changelog entry for $(VERSION) (dch -v $(VERSION))" >&2; \
	  exit 1; }
	rm -rf deb-build && $(MKDIR_P) deb-build
	xz -dc $(distdir).tar.xz | (cd deb-build && tar -xf -)
	cd deb-build/$(distdir) && dpkg-buildpackage -us -uc -b
	mv -f deb-build/$(PACKAGE)_$(VERSION)_*.deb deb-build/$(PACKAGE)_$(VERSION)_*.buildinfo \
	  deb-build/$(PACKAGE)_$(VERSION)_*.changes .
	rm -rf deb-build
	@ls $(PACKAGE)_$(VERSION)_*.deb
clean-local: clean-deb-build
clean-deb-build:
	-rm -rf deb-build
.PHONY: deb clean-deb-build
