/*
 * floor - the parse-only floor that `clientele ingest` is measured against.
 *
 * SYNOPSIS
 *	bench/floor [-r ROUNDS] [-l LISTFILE] [FILE...]
 *
 * DESCRIPTION
 *	Reads each message file named on the command line or, one path a
 *	line, in LISTFILE, and does with libetpan the least that any mail
 *	reader must do: mailmime_parse over the whole message (header fields
 *	and the MIME tree), then for every text part mailmime_part_parse with
 *	its transfer encoding and charconv of the result to UTF-8.  Nothing is
 *	kept, classified or stored.  A leading mbox "From " line is skipped,
 *	as the files of the SpamAssassin corpus are one-message mboxes.
 *
 *	Each round reads and parses every file once and prints one line:
 *
 *		round R messages N bytes B seconds S rate MSGS_PER_SECOND
 *
 *	and, after the last round, "best" and "median" lines of the same shape.
 *	The time includes reading the files (warm the page cache first), as
 *	ingest reads them too.
 *
 * OWNS
 *	Only its own buffers; every libetpan result is freed before the next
 *	message.  Never writes anything but its report on stdout.
 *
 * DIAGNOSTICS
 *	Unreadable files and unparsable messages are counted and reported on
 *	stderr once at the end; they are not part of the rate.  Exit 2 on a
 *	usage error, 1 when no message could be parsed.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libetpan/libetpan.h>

/* One message file is read whole; bigger ones are cut here. */
#define FLOOR_MAX_FILE	(64u * 1024 * 1024)
#define FLOOR_MAX_LINE	4096
#define FLOOR_MAX_ROUNDS 100
#define FLOOR_MAX_DEPTH	32

struct paths {
	char **v;
	size_t n;
	size_t cap;
};

struct tally {
	size_t messages;
	size_t failed;
	size_t bytes;
	size_t text_parts;
	size_t text_bytes;	/* UTF-8 bytes produced: keeps the work observable */
};

/* paths_add - append a copy of p; exits on ENOMEM (a bench tool) */
static void
paths_add(struct paths *ps, const char *p)
{
	if (ps->n == ps->cap) {
		size_t cap = ps->cap ? ps->cap * 2 : 1024;
		char **v = realloc(ps->v, cap * sizeof(*v));

		if (v == NULL) {
			perror("floor");
			exit(1);
		}
		ps->v = v;
		ps->cap = cap;
	}
	ps->v[ps->n] = strdup(p);
	if (ps->v[ps->n] == NULL) {
		perror("floor");
		exit(1);
	}
	ps->n++;
}

/* paths_load - add each non-empty line of a list file */
static int
paths_load(struct paths *ps, const char *list)
{
	FILE *fp = fopen(list, "r");
	char line[FLOOR_MAX_LINE];

	if (fp == NULL) {
		fprintf(stderr, "floor: %s: %s\n", list, strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof(line), fp) != NULL) {
		size_t len = strlen(line);

		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (len > 0)
			paths_add(ps, line);
	}
	fclose(fp);
	return 0;
}

/*
 * read_file - read path whole into *buf (grown as needed, caller frees),
 * at most FLOOR_MAX_FILE bytes; returns the length or -1.
 */
static long
read_file(const char *path, char **buf, size_t *cap)
{
	FILE *fp = fopen(path, "rb");
	size_t len = 0;

	if (fp == NULL)
		return -1;
	for (;;) {
		size_t got;

		if (len == *cap) {
			size_t ncap = *cap ? *cap * 2 : 65536;
			char *nb;

			if (ncap > FLOOR_MAX_FILE)
				break;
			nb = realloc(*buf, ncap);
			if (nb == NULL) {
				fclose(fp);
				return -1;
			}
			*buf = nb;
			*cap = ncap;
		}
		got = fread(*buf + len, 1, *cap - len, fp);
		len += got;
		if (got == 0)
			break;
	}
	fclose(fp);
	return (long)len;
}

/* is_text - a part with no Content-Type is text/plain (RFC 2045) */
static int
is_text(const struct mailmime_content *ct)
{
	if (ct == NULL || ct->ct_type == NULL)
		return 1;
	return ct->ct_type->tp_type == MAILMIME_TYPE_DISCRETE_TYPE &&
	    ct->ct_type->tp_data.tp_discrete_type != NULL &&
	    ct->ct_type->tp_data.tp_discrete_type->dt_type ==
	    MAILMIME_DISCRETE_TYPE_TEXT;
}

/* decode_text - transfer-decode one text part and convert it to UTF-8 */
static void
decode_text(struct mailmime *mm, struct tally *t)
{
	struct mailmime_data *d = mm->mm_data.mm_single;
	const char *charset = "us-ascii";
	char *decoded = NULL, *utf8 = NULL;
	size_t idx = 0, dlen = 0;
	int enc;

	if (d == NULL || d->dt_type != MAILMIME_DATA_TEXT)
		return;
	enc = mm->mm_mime_fields != NULL ?
	    mailmime_transfer_encoding_get(mm->mm_mime_fields) :
	    MAILMIME_MECHANISM_8BIT;
	if (mailmime_part_parse(d->dt_data.dt_text.dt_data,
	    d->dt_data.dt_text.dt_length, &idx, enc, &decoded,
	    &dlen) != MAILIMF_NO_ERROR)
		return;
	if (mm->mm_content_type != NULL) {
		const char *cs = mailmime_content_charset_get(mm->mm_content_type);

		if (cs != NULL)
			charset = cs;
	}
	if (charconv("utf-8", charset, decoded, dlen, &utf8) ==
	    MAIL_CHARCONV_NO_ERROR && utf8 != NULL) {
		t->text_bytes += strlen(utf8);
		free(utf8);
	}
	t->text_parts++;
	mailmime_decoded_part_free(decoded);
}

/* walk - visit every part of the tree, decoding the text ones */
static void
walk(struct mailmime *mm, struct tally *t, int depth)
{
	clistiter *it;

	if (mm == NULL || depth > FLOOR_MAX_DEPTH)
		return;
	switch (mm->mm_type) {
	case MAILMIME_SINGLE:
		if (is_text(mm->mm_content_type))
			decode_text(mm, t);
		break;
	case MAILMIME_MULTIPLE:
		for (it = clist_begin(mm->mm_data.mm_multipart.mm_mp_list);
		    it != NULL; it = clist_next(it))
			walk(clist_content(it), t, depth + 1);
		break;
	case MAILMIME_MESSAGE:
		walk(mm->mm_data.mm_message.mm_msg_mime, t, depth + 1);
		break;
	}
}

/* parse_one - the whole floor for one message held in memory */
static int
parse_one(const char *data, size_t len, struct tally *t)
{
	struct mailmime *mm = NULL;
	size_t idx = 0;

	/* one-message mbox: skip the envelope line */
	if (len >= 5 && memcmp(data, "From ", 5) == 0) {
		const char *nl = memchr(data, '\n', len);

		idx = nl != NULL ? (size_t)(nl - data) + 1 : len;
	}
	if (mailmime_parse(data, len, &idx, &mm) != MAILIMF_NO_ERROR)
		return -1;
	walk(mm, t, 0);
	mailmime_free(mm);
	return 0;
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static void
usage(void)
{
	fprintf(stderr, "usage: floor [-r ROUNDS] [-l LISTFILE] [FILE...]\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	struct paths ps = { 0 };
	struct tally t = { 0 };
	double rates[FLOOR_MAX_ROUNDS];
	char *buf = NULL, *end;
	size_t cap = 0;
	long rounds = 1;
	int c;

	while ((c = getopt(argc, argv, "r:l:")) != -1) {
		switch (c) {
		case 'r':
			errno = 0;
			rounds = strtol(optarg, &end, 10);
			if (errno || *end || rounds < 1 || rounds > FLOOR_MAX_ROUNDS)
				usage();
			break;
		case 'l':
			if (paths_load(&ps, optarg) < 0)
				return 1;
			break;
		default:
			usage();
		}
	}
	for (; optind < argc; optind++)
		paths_add(&ps, argv[optind]);
	if (ps.n == 0)
		usage();

	for (long r = 0; r < rounds; r++) {
		double t0 = now(), dt;

		memset(&t, 0, sizeof(t));
		for (size_t i = 0; i < ps.n; i++) {
			long len = read_file(ps.v[i], &buf, &cap);

			if (len < 0 || parse_one(buf, (size_t)len, &t) < 0) {
				t.failed++;
				continue;
			}
			t.messages++;
			t.bytes += (size_t)len;
		}
		dt = now() - t0;
		rates[r] = dt > 0 ? (double)t.messages / dt : 0;
		printf("round %ld messages %zu bytes %zu seconds %.3f rate %.0f\n",
		    r + 1, t.messages, t.bytes, dt, rates[r]);
		fflush(stdout);
	}
	if (t.failed > 0)
		fprintf(stderr, "floor: %zu of %zu files unreadable or unparsable\n",
		    t.failed, ps.n);
	qsort(rates, (size_t)rounds, sizeof(rates[0]), cmp_double);
	printf("best rate %.0f\nmedian rate %.0f\n", rates[rounds - 1],
	    rates[rounds / 2]);
	printf("text_parts %zu text_bytes %zu\n", t.text_parts, t.text_bytes);

	for (size_t i = 0; i < ps.n; i++)
		free(ps.v[i]);
	free(ps.v);
	free(buf);
	return t.messages > 0 ? 0 : 1;
}
