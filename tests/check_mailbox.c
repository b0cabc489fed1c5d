/*
 * check_mailbox - the mailbox iterator: .eml, mbox (LF and CRLF, >From
 * unquoting), Maildir (tmp/ and index files skipped), stdin, caps, errors,
 * and large files read through a window: the same messages as held whole,
 * a message past the cap, a file truncated while it is read.
 */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mail/mailbox.h"
#include "testlib.h"

struct got {
	char label[8][256];
	char data[8][512];
	size_t len[8];
	bool truncated[8];
	int n;
	int errors;
};

/* collect - every message under path, with its label */
static void
collect(const char *path, size_t cap, struct got *g)
{
	struct mailbox_msg m;
	struct mailbox *mb;
	struct err e = { "" };
	unsigned long long total;
	int r;

	memset(g, 0, sizeof(*g));
	/* the total asked before reading (progress does) is the same */
	total = 0;
	if (strcmp(path, "-") != 0) {
		mb = mailbox_open(path, cap, &e);
		ck_assert_msg(mb != NULL, "open %s: %s", path, e.msg);
		total = mailbox_bytes_total(mb);
		mailbox_close(mb);
	}
	mb = mailbox_open(path, cap, &e);
	ck_assert_msg(mb != NULL, "open %s: %s", path, e.msg);
	while ((r = mailbox_next(mb, &m, &e)) != 0) {
		if (r < 0) {
			g->errors++;
			continue;
		}
		ck_assert_int_lt(g->n, 8);
		ck_assert_uint_lt(m.len, sizeof(g->data[0]));
		snprintf(g->label[g->n], sizeof(g->label[0]), "%s", m.label);
		memcpy(g->data[g->n], m.data, m.len);
		g->len[g->n] = m.len;
		g->truncated[g->n] = m.truncated;
		g->n++;
	}
	ck_assert_uint_eq(mailbox_bytes_done(mb), mailbox_bytes_total(mb));
	if (g->errors == 0 && strcmp(path, "-") != 0)
		ck_assert_uint_eq(mailbox_bytes_total(mb), total);
	mailbox_close(mb);
}

START_TEST(single_eml)
{
	struct got g;
	const char *want = "From: Dee <dee@example.org>\r\nSubject: single\r\n"
	    "\r\nJust one message.\r\n";

	collect("fixtures/mailbox/single.eml", 0, &g);
	ck_assert_int_eq(g.n, 1);
	ck_assert_str_eq(g.label[0], "fixtures/mailbox/single.eml");
	ck_assert_str_eq(g.data[0], want);
	ck_assert(!g.truncated[0]);
}
END_TEST

START_TEST(mbox_split_and_unquote)
{
	struct got g;

	collect("fixtures/mailbox/three.mbox", 0, &g);
	ck_assert_int_eq(g.n, 3);
	ck_assert_int_eq(g.errors, 0);
	ck_assert_str_eq(g.label[0], "fixtures/mailbox/three.mbox:#1");
	ck_assert_str_eq(g.label[2], "fixtures/mailbox/three.mbox:#3");
	ck_assert_str_eq(g.data[0], "From: Ann <ann@example.org>\n"
	    "Subject: first\n\nHello there.\n");
	ck_assert_str_eq(g.data[1], "From: Bob <bob@example.net>\n"
	    "Subject: second\n\nFrom the window I saw your van.\n"
	    ">From quoted twice.\n >From not at line start stays.\n");
	ck_assert_str_eq(g.data[2], "From: Carol <carol@example.com>\n"
	    "Subject: third\n\nLast one.\n");
}
END_TEST

START_TEST(mbox_crlf)
{
	struct got g;

	collect("fixtures/mailbox/crlf.mbox", 0, &g);
	ck_assert_int_eq(g.n, 2);
	ck_assert_str_eq(g.data[0], "From: X <x@example.org>\r\n"
	    "Subject: crlf one\r\n\r\nBody one.\r\n");
	ck_assert_str_eq(g.data[1], "From: Y <y@example.org>\r\n"
	    "Subject: crlf two\r\n\r\nBody two.\r\n");
	ck_assert_str_eq(g.label[1], "fixtures/mailbox/crlf.mbox:#2");
}
END_TEST

START_TEST(maildir_skips_tmp_and_index)
{
	struct got g;

	collect("fixtures/mailbox/maildir", 0, &g);
	ck_assert_int_eq(g.n, 2);
	ck_assert_str_eq(g.label[0],
	    "fixtures/mailbox/maildir/cur/1700000001.M1P1.host:2,S");
	ck_assert_str_eq(g.label[1],
	    "fixtures/mailbox/maildir/new/1700000002.M2P2.host");
	ck_assert(strstr(g.data[1], "Subject: in new") != NULL);
}
END_TEST

START_TEST(tree_reads_everything_in_order)
{
	/* crlf.mbox (2), maildir (2), single.eml (1), three.mbox (3) */
	struct mailbox_msg m;
	struct err e = { "" };
	struct mailbox *mb = mailbox_open("fixtures/mailbox", 0, &e);
	int r, n = 0;
	const char *last = NULL;

	ck_assert_ptr_nonnull(mb);
	while ((r = mailbox_next(mb, &m, &e)) > 0) {
		n++;
		if (n == 1)
			ck_assert_str_eq(m.label, "fixtures/mailbox/crlf.mbox:#1");
		if (n == 5)
			ck_assert_str_eq(m.label, "fixtures/mailbox/single.eml");
		last = m.label;
	}
	ck_assert_int_eq(r, 0);
	ck_assert_int_eq(n, 8);
	ck_assert_str_eq(last, "fixtures/mailbox/three.mbox:#3");
	mailbox_close(mb);
}
END_TEST

START_TEST(cap_truncates)
{
	struct got g;

	collect("fixtures/mailbox/single.eml", 10, &g);
	ck_assert_int_eq(g.n, 1);
	ck_assert_uint_eq(g.len[0], 10);
	ck_assert(g.truncated[0]);
	ck_assert_str_eq(g.data[0], "From: Dee ");
}
END_TEST

START_TEST(missing_path)
{
	struct err e = { "" };
	struct mailbox *mb = mailbox_open("fixtures/mailbox/nope.mbox", 0, &e);

	ck_assert_ptr_null(mb);
	ck_assert(strstr(e.msg, "nope.mbox") != NULL);
	ck_assert(strstr(e.msg, "No such file") != NULL);
}
END_TEST

/* stdin_from - fd 0 reads path from now on; returns the fd 0 it replaced,
 * for stdin_restore */
static int
stdin_from(const char *path)
{
	int saved = dup(0), fd = open(path, O_RDONLY);

	ck_assert_int_ge(fd, 0);
	ck_assert_int_ge(saved, 0);
	dup2(fd, 0);
	close(fd);
	return saved;
}

/* stdin_restore - fd 0 is saved (from stdin_from) again */
static void
stdin_restore(int saved)
{
	dup2(saved, 0);
	close(saved);
}

/* run collect("-") with fd 0 reading the given fixture */
static void
collect_stdin(const char *fixture, struct got *g)
{
	int saved = stdin_from(fixture);

	collect("-", 0, g);
	stdin_restore(saved);
}

/*
 * Files are listed from their directory entries without a stat; links
 * still get a look: one to a file is read, one to a directory is not
 * followed, a dangling one is skipped.
 */
START_TEST(links_in_a_tree)
{
	static const char *const made[] = { "a.eml", "sub/b.eml",
	    "c-link.eml", "d-dirlink", "e-dangling.eml" };
	char dir[] = "/tmp/clientele-mbx-XXXXXX", p[256], q[256];
	struct got g;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(p, sizeof(p), "%s/sub", dir);
	ck_assert_int_eq(mkdir(p, 0700), 0);
	snprintf(p, sizeof(p), "%s/sub/b.eml", dir);
	tl_write_file(p, "From: b@example.org\n\nb\n");
	snprintf(p, sizeof(p), "%s/a.eml", dir);
	tl_write_file(p, "From: a@example.org\n\na\n");
	snprintf(q, sizeof(q), "%s/c-link.eml", dir);
	ck_assert_int_eq(symlink(p, q), 0);
	snprintf(p, sizeof(p), "%s/sub", dir);
	snprintf(q, sizeof(q), "%s/d-dirlink", dir);
	ck_assert_int_eq(symlink(p, q), 0);
	snprintf(q, sizeof(q), "%s/e-dangling.eml", dir);
	ck_assert_int_eq(symlink("/nonexistent/clientele", q), 0);

	collect(dir, 0, &g);
	ck_assert_int_eq(g.n, 3);
	ck_assert_int_eq(g.errors, 0);
	ck_assert(strstr(g.label[0], "/a.eml") != NULL);
	ck_assert(strstr(g.label[1], "/c-link.eml") != NULL);
	ck_assert(strstr(g.label[2], "/sub/b.eml") != NULL);
	ck_assert(memcmp(g.data[1], "From: a@", 8) == 0);

	for (size_t i = 0; i < sizeof(made) / sizeof(made[0]); i++) {
		snprintf(p, sizeof(p), "%s/%s", dir, made[i]);
		unlink(p);
	}
	snprintf(p, sizeof(p), "%s/sub", dir);
	rmdir(p);
	rmdir(dir);
}
END_TEST

START_TEST(stdin_mbox_and_single)
{
	struct got g;

	collect_stdin("fixtures/mailbox/three.mbox", &g);
	ck_assert_int_eq(g.n, 3);
	ck_assert_str_eq(g.label[1], "stdin:#2");
	ck_assert(strstr(g.data[1], "\nFrom the window") != NULL);

	collect_stdin("fixtures/mailbox/single.eml", &g);
	ck_assert_int_eq(g.n, 1);
	ck_assert_str_eq(g.label[0], "stdin");
	ck_assert(strstr(g.data[0], "Just one message.") != NULL);
}
END_TEST


/* ---- large files: read through a window, never mapped ---- */

/* big_mbox - n messages; message i has a body of sizes[i % nsizes] bytes */
static void
big_mbox(const char *path, int n, const size_t *sizes, size_t nsizes)
{
	FILE *f = fopen(path, "w");

	ck_assert_ptr_nonnull(f);
	for (int i = 0; i < n; i++) {
		size_t want = sizes[(size_t)i % nsizes], put = 0;

		fprintf(f, "From m%d@example.org Mon Nov 23 10:00:00 2026\n"
		    "From: m%d@example.org\nSubject: %d\n\n", i, i, i);
		while (put < want) {
			/* lines of 60, now and then a quoted From line */
			if (put % 7 == 3 && want - put > 20)
				put += (size_t)fprintf(f, ">From here %zu\n", put);
			else
				put += (size_t)fprintf(f, "%059zu\n", put);
		}
		fprintf(f, "END %d\n\n", i);
	}
	fclose(f);
}

struct sums {
	int n, errors;
	unsigned long long bytes, hash;
	int truncated;
	char last_error[512];
};

/* sum_all - count and hash every message under path (or stdin for "-") */
static void
sum_all(const char *path, size_t cap, struct sums *sm)
{
	struct mailbox_msg m;
	struct mailbox *mb;
	struct err e = { "" };
	int r;

	memset(sm, 0, sizeof(*sm));
	mb = mailbox_open(path, cap, &e);
	ck_assert_msg(mb != NULL, "open %s: %s", path, e.msg);
	while ((r = mailbox_next(mb, &m, &e)) != 0) {
		if (r < 0) {
			sm->errors++;
			snprintf(sm->last_error, sizeof(sm->last_error), "%s",
			    e.msg);
			continue;
		}
		sm->n++;
		sm->bytes += m.len;
		sm->truncated += m.truncated;
		for (size_t i = 0; i < m.len; i++)
			sm->hash = sm->hash * 31 + (unsigned char)m.data[i];
		sm->hash = sm->hash * 131 + m.len;
	}
	mailbox_close(mb);
}

/*
 * A large mbox read through the window gives exactly what the same bytes
 * give held whole (standard input): messages spanning many refills,
 * separators and >From lines wherever the chunks fall.
 */
START_TEST(window_same_as_whole)
{
	static const size_t sizes[] = { 100, 3 * 1024 * 1024 + 17, 0, 5000,
	    1024 * 1024 - 40, 70000 };
	char path[] = "/tmp/clientele-win-XXXXXX";
	int saved;
	struct sums a, b;

	tl_mkstemp(path);
	big_mbox(path, 60, sizes, sizeof(sizes) / sizeof(sizes[0]));
	sum_all(path, 0, &a);
	ck_assert_int_eq(a.n, 60);
	ck_assert_int_eq(a.errors, 0);
	ck_assert_int_eq(a.truncated, 0);

	saved = stdin_from(path);
	sum_all("-", 0, &b);
	stdin_restore(saved);
	ck_assert_int_eq(b.n, 60);
	ck_assert_uint_eq(a.bytes, b.bytes);
	ck_assert_uint_eq(a.hash, b.hash);
	unlink(path);
}
END_TEST

/* A message longer than the cap is cut at it; the next one is whole. */
START_TEST(window_message_past_cap)
{
	static const size_t sizes[] = { 200, 3 * 1024 * 1024, 300 };
	char path[] = "/tmp/clientele-win-XXXXXX";
	struct mailbox_msg m;
	struct mailbox *mb;
	struct err e = { "" };

	tl_mkstemp(path);
	big_mbox(path, 3, sizes, 3);
	mb = mailbox_open(path, 4096, &e);
	ck_assert_ptr_nonnull(mb);
	ck_assert_int_eq(mailbox_next(mb, &m, &e), 1);
	ck_assert(!m.truncated);
	ck_assert_int_eq(mailbox_next(mb, &m, &e), 1);
	ck_assert(m.truncated);
	/* cut at the cap, then one ">" fewer per quoted From line */
	ck_assert(m.len <= 4096 && m.len > 4000);
	ck_assert(memcmp(m.data, "From: m1@example.org\n", 21) == 0);
	ck_assert_int_eq(mailbox_next(mb, &m, &e), 1);
	ck_assert(!m.truncated);
	ck_assert_str_eq(m.label + strlen(m.label) - 2, "#3");
	ck_assert(memcmp(m.data, "From: m2@example.org\n", 21) == 0);
	ck_assert(m.len > 300 && strstr(m.data, "END 2\n") != NULL);
	ck_assert_int_eq(mailbox_next(mb, &m, &e), 0);
	ck_assert_uint_eq(mailbox_bytes_done(mb), mailbox_bytes_total(mb));
	mailbox_close(mb);
	unlink(path);
}
END_TEST

/*
 * An mbox truncated while it is read (SIGBUS when it was mapped): the
 * messages before the cut come out whole, the one it cut is reported and
 * skipped, and the iteration ends.
 */
START_TEST(window_file_cut_short)
{
	static const size_t sizes[] = { 900 };
	char path[] = "/tmp/clientele-win-XXXXXX";
	struct mailbox_msg m;
	struct mailbox *mb;
	struct err e = { "" };
	int r, n = 0, errors = 0;
	char want[32];

	tl_mkstemp(path);
	big_mbox(path, 3000, sizes, 1);
	mb = mailbox_open(path, 0, &e);
	ck_assert_ptr_nonnull(mb);
	ck_assert_int_eq(mailbox_next(mb, &m, &e), 1);
	n++;
	ck_assert_int_eq(truncate(path, 1500 * 1000 + 37), 0);
	while ((r = mailbox_next(mb, &m, &e)) != 0) {
		if (r < 0) {
			errors++;
			ck_assert_msg(strstr(e.msg, "cut short") != NULL &&
			    strstr(e.msg, "message skipped") != NULL, "%s", e.msg);
			ck_assert_msg(strstr(e.msg, ":#") != NULL, "%s", e.msg);
			continue;
		}
		snprintf(want, sizeof(want), "END %d\n", n);
		ck_assert_msg(m.len > 900 && strstr(m.data + m.len - 20, want),
		    "message %d is not whole", n + 1);
		n++;
	}
	ck_assert_int_eq(errors, 1);
	/* every message that ended before the cut, none after it */
	ck_assert_int_gt(n, 1400);
	ck_assert_int_lt(n, 1600);
	mailbox_close(mb);
	unlink(path);
}
END_TEST

TL_SUITE(mailbox, single_eml, 0, mbox_split_and_unquote, 0, mbox_crlf, 0,
    maildir_skips_tmp_and_index, 0, tree_reads_everything_in_order, 0,
    cap_truncates, 0, missing_path, 0, stdin_mbox_and_single, 0,
    links_in_a_tree, 0, window_same_as_whole, 0, window_message_past_cap, 0,
    window_file_cut_short, 0)
