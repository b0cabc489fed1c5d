/*
 * gen-mbox - write a synthetic mailbox of N customers for the scale bench.
 *
 * SYNOPSIS
 *	bench/gen-mbox [-n CUSTOMERS] [-s SEED] [-o FILE] [-v]
 *
 * DESCRIPTION
 *	Writes an mbox (mboxrd quoting, "From " envelope lines) to FILE or
 *	stdout in which each of N customers sends the owner,
 *	owner@myfirm.example, two messages: an enquiry and a follow-up.  The
 *	mix is fixed by the seed, so two runs with the same N and seed give
 *	the same bytes:
 *
 *	  - about 1 in 5 enquiries say an earlier customer referred the
 *	    sender, by name and address ("Dana Reyes (dana...) sent me your
 *	    way") or by name alone;
 *	  - every 20th customer's follow-up introduces the next customer with
 *	    a Cc ("let me introduce ..."), who then writes an enquiry;
 *	  - follow-ups carry praise, complaints, haggling, rudeness or late
 *	    payment phrases in what the sender wrote, and a quoted reply of
 *	    the owner and a signature that hold problem words which must not
 *	    count;
 *	  - one body in ten is base64, one in ten multipart/alternative with
 *	    HTML, and some display names are RFC 2047 encoded UTF-8.
 *
 *	The configuration to ingest it with needs "OwnDomains myfirm.example".
 *	-v prints on stderr how many messages of each kind were written.
 *
 * OWNS
 *	Nothing beyond its output stream; no input is read.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define GEN_MAX_CUSTOMERS 10000000L
#define GEN_OWNER "owner@myfirm.example"
#define GEN_START 1704067200L	/* 2024-01-01T00:00:00Z */
#define GEN_STEP 41L		/* seconds between messages */

static const char *const first_names[] = {
	"Ana", "Ben", "Chloe", "Dana", "Elif", "Farid", "Grace", "Hugo",
	"Ines", "Jonas", "Kemi", "Liam", "Maya", "Nikos", "Olga", "Pavel",
	"Quinn", "Rosa", "Sami", "Tessa", "Umar", "Vera", "Wen", "Xavier",
	"Yara", "Zoe", "José", "Ségolène", "Jürgen", "Åsa", "Marta", "Oscar",
	"Priya", "Ravi", "Sofia", "Tomás", "Ugo", "Vikram", "Wanda", "Yusuf",
};
static const char *const last_names[] = {
	"Reyes", "Okafor", "Lindqvist", "Moreau", "Tanaka", "Novak", "Silva",
	"Kowalski", "Haddad", "Brennan", "Ferreira", "Iyer", "Jansen", "Keller",
	"Larsen", "Mbeki", "Nakamura", "O'Neill", "Petrov", "Quintero",
	"Rossi", "Schmidt", "Torres", "Ueda", "Varga", "Weber", "Yilmaz",
	"Zhang", "Müller", "Núñez", "Abbott", "Barros", "Castillo", "Dunn",
	"Evans", "Fischer", "Garcia", "Horvat", "Ito", "Jovanović",
};
static const char *const trades[] = {
	"bakery", "garage", "studio", "florist", "dental", "builders",
	"cafe", "printing", "law", "yoga", "plumbing", "design", "tutors",
	"catering", "salon", "vets", "gardens", "joinery", "optics", "books",
};
static const char *const services[] = {
	"a new shop sign", "a website refresh", "our spring brochure",
	"a logo and letterhead", "the menu boards", "a product photo shoot",
	"the annual report layout", "a set of window decals",
};
static const char *const filler[] = {
	"We are a small team of six and have been trading for about eight "
	"years from the same premises near the station.",
	"Most of our customers find us by walking past, so whatever we put "
	"in the window matters more than anything online.",
	"The last person who helped us moved abroad, and the files they left "
	"are in a format none of us can open any more.",
	"Ideally the work would be finished before the summer, when the "
	"street gets busy and we take on two seasonal staff.",
	"I have attached nothing yet, but I can send photographs of the "
	"current setup and the measurements if that is useful.",
	"Our opening hours are nine to five on weekdays and ten to two on "
	"Saturdays, so a call in the morning suits me best.",
};

/* What the sender writes now in a follow-up; the tag the rules should find. */
struct phrase {
	const char *tag;	/* NULL: neutral */
	const char *text;
	unsigned weight;	/* out of 100 */
};
static const struct phrase followups[] = {
	{ "praise", "Thank you so much for the drafts. We are really happy "
	    "with how it turned out and the whole team loves it.", 28 },
	{ "complaint", "I have to say I am disappointed. We are still "
	    "waiting for the corrected proofs and this is the second time "
	    "the dates slipped.", 6 },
	{ "haggler", "Before we go ahead, is there any discount for paying "
	    "up front? Another studio gave us a better price and it is a bit "
	    "steep for us.", 6 },
	{ "rude", "Honestly, this is pathetic. How hard can it be to get a "
	    "date right? Do your job.", 3 },
	{ "slow-payer", "Sorry for the late payment, cash flow is tight this "
	    "quarter. Could we pay next month instead?", 4 },
	{ NULL, "Just confirming that Tuesday works for us. I will bring the "
	    "old signage measurements along.", 53 },
};

struct counts {
	unsigned long messages, enquiries, ref_address, ref_name, intros;
	unsigned long tags[sizeof(followups) / sizeof(followups[0])];
};

static uint64_t rng_state = 88172645463325252ULL;

/* rng - xorshift64*: small, fast and the same on every machine */
static uint64_t
rng(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 2685821657736338717ULL;
}

static unsigned
rng_below(unsigned n)
{
	return (unsigned)(rng() % n);
}

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Person i's name, address and business, all derived from i. */
struct person {
	char name[96];
	char email[128];
	char trade[64];
};

static void
person_of(long i, struct person *p)
{
	const char *fn = first_names[i % NELEM(first_names)];
	const char *ln = last_names[(i / NELEM(first_names)) % NELEM(last_names)];
	long gen = i / (long)(NELEM(first_names) * NELEM(last_names));
	const char *tr = trades[(i / 7) % NELEM(trades)];

	/* a middle initial keeps names distinct up to 41,600 people */
	if (gen > 0)
		snprintf(p->name, sizeof(p->name), "%s %c. %s", fn,
		    (int)('A' + (gen - 1) % 26), ln);
	else
		snprintf(p->name, sizeof(p->name), "%s %s", fn, ln);
	snprintf(p->email, sizeof(p->email), "c%ld@%s-%ld.example", i, tr,
	    i % 997);
	snprintf(p->trade, sizeof(p->trade), "%s", tr);
}

static void
put_base64(FILE *out, const unsigned char *s, size_t len, int wrap)
{
	static const char tab[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t col = 0;

	for (size_t i = 0; i < len; i += 3) {
		unsigned v = (unsigned)s[i] << 16;
		size_t n = len - i < 3 ? len - i : 3;

		if (n > 1)
			v |= (unsigned)s[i + 1] << 8;
		if (n > 2)
			v |= s[i + 2];
		fputc(tab[(v >> 18) & 63], out);
		fputc(tab[(v >> 12) & 63], out);
		fputc(n > 1 ? tab[(v >> 6) & 63] : '=', out);
		fputc(n > 2 ? tab[v & 63] : '=', out);
		col += 4;
		if (wrap && col >= 76) {
			fputc('\n', out);
			col = 0;
		}
	}
	if (wrap && col > 0)
		fputc('\n', out);
}

/* put_name_addr - "Name <addr>", the name RFC 2047-encoded when not ASCII */
static void
put_name_addr(FILE *out, const char *name, const char *email)
{
	int ascii = 1;

	for (const char *c = name; *c; c++)
		if ((unsigned char)*c >= 0x80 || *c == '\'')
			ascii = 0;
	if (ascii) {
		fprintf(out, "%s <%s>", name, email);
		return;
	}
	fputs("=?UTF-8?B?", out);
	put_base64(out, (const unsigned char *)name, strlen(name), 0);
	fprintf(out, "?= <%s>", email);
}

/* put_body_line - one body line with mboxrd quoting of "From " */
static void
put_body(FILE *out, const char *text)
{
	const char *line = text;

	while (*line) {
		const char *nl = strchr(line, '\n');
		size_t len = nl ? (size_t)(nl - line) : strlen(line);
		const char *p = line;

		while (*p == '>')
			p++;
		if (strncmp(p, "From ", 5) == 0)
			fputc('>', out);
		fwrite(line, 1, len, out);
		fputc('\n', out);
		line += len + (nl ? 1 : 0);
	}
}

struct msg {
	long seq;		/* message number: date and Message-ID */
	const struct person *from;
	const struct person *cc;	/* NULL: none */
	const char *subject;
	char body[4096];
	size_t len;
};

static void
body_add(struct msg *m, const char *s)
{
	size_t n = strlen(s);

	if (m->len + n + 1 > sizeof(m->body))
		n = sizeof(m->body) - m->len - 1;
	memcpy(m->body + m->len, s, n);
	m->len += n;
	m->body[m->len] = '\0';
}

/* emit - envelope line, header and body, in one of three body shapes */
static void
emit(FILE *out, const struct msg *m, unsigned shape)
{
	time_t t = GEN_START + m->seq * GEN_STEP;
	struct tm tm;
	char env[64], date[64];

	gmtime_r(&t, &tm);
	strftime(env, sizeof(env), "%a %b %e %H:%M:%S %Y", &tm);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000", &tm);
	fprintf(out, "From %s  %s\n", m->from->email, env);
	fputs("From: ", out);
	put_name_addr(out, m->from->name, m->from->email);
	fputs("\nTo: Firm Owner <" GEN_OWNER ">\n", out);
	if (m->cc != NULL) {
		fputs("Cc: ", out);
		put_name_addr(out, m->cc->name, m->cc->email);
		fputc('\n', out);
	}
	fprintf(out, "Subject: %s\nDate: %s\n", m->subject, date);
	fprintf(out, "Message-ID: <gen-%ld@%s>\nMIME-Version: 1.0\n", m->seq,
	    strchr(m->from->email, '@') + 1);
	switch (shape) {
	case 0:	/* base64 text/plain */
		fputs("Content-Type: text/plain; charset=utf-8\n"
		    "Content-Transfer-Encoding: base64\n\n", out);
		put_base64(out, (const unsigned char *)m->body, m->len, 1);
		break;
	case 1:	/* multipart/alternative: plain and HTML */
		fprintf(out, "Content-Type: multipart/alternative; "
		    "boundary=\"b%ld\"\n\nThis is a MIME message.\n\n"
		    "--b%ld\nContent-Type: text/plain; charset=utf-8\n"
		    "Content-Transfer-Encoding: 8bit\n\n", m->seq, m->seq);
		put_body(out, m->body);
		fprintf(out, "\n--b%ld\nContent-Type: text/html; charset=utf-8\n"
		    "\n<html><body><p>", m->seq);
		for (const char *c = m->body; *c; c++) {
			if (*c == '\n')
				fputs("<br>\n", out);
			else if (*c == '<')
				fputs("&lt;", out);
			else if (*c == '>')
				fputs("&gt;", out);
			else if (*c == '&')
				fputs("&amp;", out);
			else
				fputc(*c, out);
		}
		fprintf(out, "</p></body></html>\n--b%ld--\n", m->seq);
		break;
	default:
		fputs("Content-Type: text/plain; charset=utf-8\n"
		    "Content-Transfer-Encoding: 8bit\n\n", out);
		put_body(out, m->body);
	}
	fputc('\n', out);
}

static void
add_filler(struct msg *m, unsigned n)
{
	unsigned first = rng_below(NELEM(filler));

	for (unsigned k = 0; k < n; k++) {
		body_add(m, filler[(first + k) % NELEM(filler)]);
		body_add(m, k + 1 < n ? " " : "\n\n");
	}
}

static void
add_signature(struct msg *m, const struct person *p)
{
	char sig[256];

	/* problem words in a signature must never tag anyone */
	snprintf(sig, sizeof(sig), "-- \n%s\n%s, no discount codes, "
	    "overdue accounts to accounts@\n", p->name, p->trade);
	body_add(m, sig);
}

/* enquiry - customer i's first message; maybe credited to an earlier one */
static void
enquiry(FILE *out, long i, long *seq, int introduced, struct counts *c)
{
	struct person me, ref;
	struct msg m = { .seq = (*seq)++, .from = &me };
	char line[512];
	unsigned roll = rng_below(100);

	person_of(i, &me);
	m.subject = "Enquiry about your services";
	snprintf(line, sizeof(line), "Hello,\n\nCould you send me a quote for "
	    "%s? ", services[rng_below(NELEM(services))]);
	body_add(&m, line);
	add_filler(&m, 2 + rng_below(3));
	if (!introduced && i > 10 && roll < 20) {
		person_of((long)(rng() % (uint64_t)i), &ref);
		if (roll < 12) {
			snprintf(line, sizeof(line), "%s (%s) sent me your "
			    "way and said you were the person to talk to.\n\n",
			    ref.name, ref.email);
			c->ref_address++;
		} else {
			snprintf(line, sizeof(line), "Our neighbour %s "
			    "recommended you.\n\n", ref.name);
			c->ref_name++;
		}
		body_add(&m, line);
	}
	body_add(&m, "Best wishes,\n");
	add_signature(&m, &me);
	emit(out, &m, rng_below(10) == 0 ? 0 : rng_below(9) == 0 ? 1 : 2);
	c->messages++;
	c->enquiries++;
}

/* followup - customer i's second message; every 20th introduces i + 1 */
static void
followup(FILE *out, long i, long n, long *seq, struct counts *c)
{
	struct person me, next;
	struct msg m = { .seq = (*seq)++, .from = &me };
	unsigned roll = rng_below(100), acc = 0;
	size_t k = 0;

	person_of(i, &me);
	m.subject = "Re: Enquiry about your services";
	body_add(&m, "Hi,\n\n");
	for (k = 0; k + 1 < NELEM(followups); k++) {
		acc += followups[k].weight;
		if (roll < acc)
			break;
	}
	body_add(&m, followups[k].text);
	body_add(&m, "\n\n");
	c->tags[k]++;
	if (i % 20 == 7 && i + 1 < n) {
		char line[512];

		person_of(i + 1, &next);
		m.cc = &next;
		snprintf(line, sizeof(line), "Also, let me introduce %s, who "
		    "runs a %s and needs the same kind of help. I have copied "
		    "them in.\n\n", next.name, next.trade);
		body_add(&m, line);
		c->intros++;
	}
	body_add(&m, "Thanks,\n\n");
	/* a quoted reply full of problem words: must not count */
	body_add(&m, "On Monday, Firm Owner wrote:\n> Our prices are fair and "
	    "we never discount.\n> Sorry you were disappointed last time; "
	    "the invoice is overdue.\n\n");
	add_signature(&m, &me);
	emit(out, &m, rng_below(10) == 0 ? 0 : rng_below(9) == 0 ? 1 : 2);
	c->messages++;
}

static void
usage(void)
{
	fprintf(stderr, "usage: gen-mbox [-n CUSTOMERS] [-s SEED] [-o FILE] "
	    "[-v]\n");
	exit(2);
}

static long
parse_long(const char *s, long lo, long hi)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < lo || v > hi)
		usage();
	return v;
}

int
main(int argc, char **argv)
{
	struct counts c = { 0 };
	FILE *out = stdout;
	long n = 1000, seq = 0;
	int verbose = 0, ch;

	while ((ch = getopt(argc, argv, "n:s:o:v")) != -1) {
		switch (ch) {
		case 'n':
			n = parse_long(optarg, 1, GEN_MAX_CUSTOMERS);
			break;
		case 's':
			rng_state ^= (uint64_t)parse_long(optarg, 0, 1L << 30) *
			    0x9E3779B97F4A7C15ULL;
			if (rng_state == 0)
				rng_state = 1;
			break;
		case 'o':
			out = fopen(optarg, "w");
			if (out == NULL) {
				fprintf(stderr, "gen-mbox: %s: %s\n", optarg,
				    strerror(errno));
				return 1;
			}
			break;
		case 'v':
			verbose = 1;
			break;
		default:
			usage();
		}
	}
	if (optind != argc)
		usage();
	for (long i = 0; i < n; i++) {
		int introduced = i > 0 && (i - 1) % 20 == 7;

		enquiry(out, i, &seq, introduced, &c);
		followup(out, i, n, &seq, &c);
	}
	if (fflush(out) != 0 || ferror(out)) {
		fprintf(stderr, "gen-mbox: write error: %s\n", strerror(errno));
		return 1;
	}
	if (out != stdout)
		fclose(out);
	if (verbose) {
		fprintf(stderr, "customers %ld messages %lu enquiries %lu "
		    "referrals_by_address %lu referrals_by_name %lu "
		    "introductions %lu", n, c.messages, c.enquiries,
		    c.ref_address, c.ref_name, c.intros);
		for (size_t k = 0; k < NELEM(followups); k++)
			fprintf(stderr, " %s %lu", followups[k].tag ?
			    followups[k].tag : "neutral", c.tags[k]);
		fputc('\n', stderr);
	}
	return 0;
}
