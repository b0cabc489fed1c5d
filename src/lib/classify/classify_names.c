/*
 * classify_names - the person a referral cue names, found by the structure
 * of its sentence.
 *
 * DESCRIPTION
 *	A referral cue ("gave me your number", "hat Sie empfohlen") names its
 *	referrer somewhere in its sentence.  cl_cue_name takes the nearest
 *	capitalised run within NAME_GAP words (a full name before a lone
 *	word); cl_sentence_known (classify_known.c, with the other
 *	lookups) any name of the sentence the store knows;
 *	cl_far_name a full name anywhere in the sentence (the subject of
 *	"my neighbour Jo Bloggs asked me ..., so she gave me your number"),
 *	or, when the sentence opens with a subject pronoun, the one full name
 *	of the sentence before.  A run is a person's name when it is two or
 *	three capitalised words (particles and a surname in capitals
 *	joining), or one after a title; never a firm ("Acme Design Ltd"), an
 *	organisation ("Dana at Acme"), a place ("Mill Lane"), or a party to
 *	the mail (the sender, the owner's people).
 *
 *	Every search looks at a bounded window (NAME_WINDOW bytes each side,
 *	NAME_SLOTS words), so the cost stays linear in the text.
 *
 * NEVER
 *	Records anything (classify_referral.c decides and records), or asks
 *	the store (classify_known.c does).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/strutil.h"
#include "classify_int.h"
#include "names_int.h"
#include "rules_int.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Capitalised words that are not names (folded to lower case). */
static const char *const not_names[] = {
	"a", "after", "afternoon", "also", "an", "and", "anyway", "april",
	"as", "august", "because", "before", "best", "both", "but", "cc",
	"cheers", "dear", "december", "dr", "evening", "everyone", "facebook",
	"february", "friday", "friend", "from", "fw", "fwd", "good", "google",
	"great", "he", "hello", "hey", "hi", "hope", "i", "i'd", "i'll", "i'm",
	"i've", "if", "instagram", "it", "it's", "january", "july", "june",
	"just", "kind", "last", "linkedin", "madam", "march", "may", "miss",
	"monday", "morning", "mr", "mrs", "ms", "my", "no", "november", "ok",
	"okay", "october", "or", "our", "please", "prof", "re", "recently",
	"regards", "saturday", "sent", "september", "she", "sir", "so",
	"someone", "sorry", "subject", "sunday", "sure", "thank", "thanks",
	"that", "the", "these", "they", "this", "those", "thursday", "to",
	"today", "tomorrow", "tuesday", "twitter", "we", "we'd", "we're",
	"we've", "wednesday", "when", "yelp", "yes", "yesterday", "you",
	"you're", "your", "youtube",
	/* German: pronouns, greetings and the nouns that open a sentence
	 * or stand before a name */
	"anfrage", "bekannte", "bekannter", "bruder", "buro", "chef", "chefin",
	"dank", "danke", "du", "empfehlung", "er", "es", "euch", "euer",
	"eure", "firma", "frau", "freund", "freundin", "geschaftspartner", "geschaftspartnerin", "guten", "hallo", "herr",
	"ich", "ihnen", "ihr", "ihre", "ihren", "ihrem", "kollege",
	"kollegin", "kunde", "kundin", "liebe", "lieber", "mein", "meine",
	"meiner", "mutter", "nachbar", "nachbarin", "schwester", "sehr",
	"sie", "steuerberater", "steuerberaterin", "tag", "vater", "viele",
	"webseite", "website", "wir",
	/* French */
	"ami", "amie", "bonjour", "cher", "chere", "collegue", "comptable",
	"elle", "il", "je", "m", "madame", "mme", "mon", "monsieur", "nous",
	"notre", "ma", "mes", "merci", "soeur", "frere", "voisin", "voisine",
	"vous",
	/* Spanish */
	"amiga", "amigo", "companera", "companero", "contable", "el", "ella", "estimada", "estimado",
	"gracias", "hermana", "hermano", "hola", "mi", "nosotros", "nuestra",
	"nuestro", "senor", "senora", "sra", "sr", "su",
	"usted", "ustedes", "vecina", "vecino", "yo",
	/* family and neighbours before a name ("mein Cousin Can Öztürk",
	 * "Auntie Pat Lowe") */
	"aunt", "auntie", "boss", "brother", "colleague", "cousin", "dad",
	"gran", "mum", "neighbour", "sister", "uncle",
	"cousine", "ehefrau", "ehemann", "kumpel", "mitbewohner",
	"mitbewohnerin", "neffe", "nichte", "oma", "onkel", "opa",
	"schwager", "schwagerin", "sohn", "tante", "tochter",
	"beau", "belle", "oncle",
	"cunada", "cunado", "jefa", "jefe", "prima", "primo", "suegra",
	"suegro", "tia", "tio",
	/* object pronouns and possessives that open a sentence */
	"me", "te", "se", "nos", "os", "le", "les", "lo", "los", "las", "tu",
	"tus", "mis", "sus", "ce", "c'est", "on", "ils", "elles", "votre",
	"vos", "ton", "uns", "mich", "mir", "dich", "dir", "unser", "unsere",
};

/* Lower-case particles inside a name ("Lucy van der Berg", "Ana de la
 * Fuente"); the second list only after one of the first. */
static const char *const particles[] = {
	"da", "de", "del", "della", "di", "dos", "du", "ten", "ter", "van",
};
static const char *const particles_after[] = {
	"den", "der", "la", "las", "los",
};
/* Articles that open a surname when capitalised ("Annick Le Goff", "Jean
 * La Fontaine", "Ana El Amrani"); alone they open a sentence, so they
 * are no name words by themselves. */
static const char *const surname_articles[] = {
	"el", "la", "le", "les",
};

/* Lower-case words after a cue that end the search for a name. */
static const char *const name_stops[] = {
	"about", "at", "because", "for", "in", "on", "that", "which", "who",
	"with", "bei", "der", "die", "das", "dass", "weil", "pour", "que",
	"qui", "chez", "porque", "para", "con", "mit",
};

/* Words that put a capitalised run in an organisation ("Dana at Acme"). */
static const char *const org_words[] = {
	"at", "for", "from", "in", "of", "the", "with",
};

/* Words that make a capitalised run a business ("Acme Design Ltd"). */
static const char *const company_words[] = {
	"agency", "associates", "bank", "co", "company", "consulting", "corp",
	"design", "gmbh", "group", "inc", "limited", "llc", "llp", "ltd",
	"partners", "plc", "services", "solutions", "studio", "team",
};

/* Words that make a capitalised run a place ("Mill Lane", "Hillside
 * Primary", "Calle Mayor"), folded. */
static const char *const place_words[] = {
	"avenue", "church", "close", "college", "drive", "hall", "lane",
	"park", "primary", "road", "school", "square", "street", "way",
	"allee", "gasse", "platz", "strasse", "weg",
	"boulevard", "chemin", "place", "rue",
	"avenida", "calle", "paseo", "plaza",
};

/* Subject pronouns that open a sentence and point back to the person of
 * the sentence before ("... Gerald Finch? He gave me your number"). */
static const char *const pronouns[] = {
	"he", "she", "er", "sie", "il", "elle", "el", "ella",
};

/* The sender as the subject: "and I said you're the person to ask". */
static const char *const first_person[] = {
	"i", "we", "ich", "wir", "je", "j", "nous", "yo", "nosotros",
};

/* German verbs after "Sie" that make it "she", not the polite "you". */
static const char *const sie_she[] = {
	"empfahl", "gab", "hat", "hatte", "meinte", "riet", "sagte",
};

/* Titles before a surname ("Frau Vogel", "Mrs Price"), folded. */
static const char *const titles[] = {
	"dr", "frau", "herr", "herrn", "m", "madame", "mme", "monsieur", "mr",
	"mrs", "ms", "prof", "senor", "senora", "sr", "sra",
};

/* Last words of cues that name the referrer after them ("referred by"). */
static const char *const cue_before_name[] = {
	"by", "from", "of", "von", "durch", "uber", "de", "par", "por", "del",
	"a",		/* "gracias a", "grâce à" (folded) */
};

/* capitalised - an upper-case letter then at least one lower-case one */
static bool
capitalised(const char *s, size_t len)
{
	size_t i = 0, n;
	uint32_t cp;
	bool lower = false;

	rules_char_at(s, len, &n, &cp);
	if (!((cp >= 'A' && cp <= 'Z') || (cp >= 0xc0 && cp <= 0xde && cp != 0xd7)))
		return false;
	for (i = n; i < len; i += n) {
		rules_char_at(s + i, len - i, &n, &cp);
		if ((cp >= 'a' && cp <= 'z') || (cp >= 0xdf && cp <= 0xff &&
		    cp != 0xf7))
			lower = true;
	}
	return lower;
}

/* shouted - two or more letters, all capitals ("GRANT") */
static bool
shouted(const char *s, size_t len)
{
	size_t letters = 0;

	for (size_t i = 0; i < len; i++) {
		if (s[i] >= 'a' && s[i] <= 'z')
			return false;
		if (s[i] >= 'A' && s[i] <= 'Z')
			letters++;
	}
	return letters >= 2;
}

/*
 * name_parts - what joins a name run besides capitalised words: particles
 * between two name words ("Lucy van der Berg"), a capitalised article
 * between two ("Annick Le Goff"), and a surname in capitals right after
 * a name word ("Oliver GRANT").
 */
static void
name_parts(const char *text, struct nword *nw, size_t n)
{
	for (size_t k = 1; k < n; k++) {
		size_t j = k;

		if (!nw[k - 1].name || nw[k].name || !nw[k].joined)
			continue;
		if (shouted(text + nw[k].start, nw[k].end - nw[k].start) &&
		    !str_in_list(not_names, NELEM(not_names), nw[k].folded)) {
			nw[k].name = true;
			continue;
		}
		if (k + 1 < n && nw[k + 1].name && nw[k + 1].joined &&
		    capitalised(text + nw[k].start, nw[k].end - nw[k].start) &&
		    str_in_list(surname_articles, NELEM(surname_articles),
		    nw[k].folded)) {
			nw[k].name = nw[k].part = true;
			k++;
			continue;
		}
		if (!str_in_list(particles, NELEM(particles), nw[k].folded))
			continue;
		j = k + 1;
		if (j < n && nw[j].joined && !nw[j].name &&
		    str_in_list(particles_after, NELEM(particles_after),
		    nw[j].folded))
			j++;
		if (j >= n || !nw[j].name || !nw[j].joined)
			continue;
		for (size_t x = k; x < j; x++)
			nw[x].name = nw[x].part = true;
		k = j;
	}
}

/* Possessives before a capitalised role noun ("Mein Trauzeuge ..."), folded. */
static const char *const possessives[] = {
	"mein", "meine", "meinem", "meinen", "meiner", "unser", "unsere",
	"unserem", "unseren", "unserer", "sein", "seine", "seinem", "seinen",
	"my", "our",
};

/*
 * role_nouns - a capitalised word after a possessive and before two name
 * words is what the person is to the writer, not part of their name:
 * German writes every noun with a capital ("Mein Trauzeuge Daniel
 * Keßler", "unsere Tagesmutter Eva Roth"), so the name is the two after.
 */
static void
role_nouns(struct nword *nw, size_t n)
{
	for (size_t k = 1; k + 2 < n; k++)
		if (nw[k].name && !nw[k].part && nw[k + 1].name &&
		    nw[k + 1].joined && nw[k + 2].name && nw[k + 2].joined &&
		    str_in_list(possessives, NELEM(possessives),
		    nw[k - 1].folded))
			nw[k].name = false;
}

/* cl_near_words - the words of [lo, hi) with what the name finder needs */
size_t
cl_near_words(const char *text, size_t lo, size_t hi, struct nword *nw)
{
	struct rules_word w;
	size_t pos = lo, n = 0, prev_end = lo;

	while (n < NAME_SLOTS && rules_word_next(text, hi, &pos, &w)) {
		struct nword *x = &nw[n++];
		bool blank = true;
		char after = w.end < hi ? text[w.end] : ' ';
		char before = w.start > lo ? text[w.start - 1] : ' ';

		/* blanks, and one line break: "Dana\nReyes" wrapped */
		for (size_t i = prev_end, nl = 0; i < w.start; i++)
			if (!(text[i] == ' ' || text[i] == '\t' ||
			    text[i] == '\r' || (text[i] == '\n' && ++nl == 1)))
				blank = false;
		x->part = false;
		if (w.start == prev_end + 1 && text[prev_end] == '-')
			blank = x->part = true;	/* Anne-Marie, Smith-Jones */
		x->start = w.start;
		x->end = w.end;
		x->joined = n > 1 && blank;
		memcpy(x->folded, w.folded, w.flen + 1);
		if (w.overflow)
			x->folded[0] = '\0';
		/* parts of an address or a domain are not names */
		x->name = !w.overflow && capitalised(text + w.start, w.end - w.start) &&
		    !str_in_list(not_names, NELEM(not_names), w.folded) &&
		    before != '@' && after != '@' && before != '.' &&
		    !(after == '.' && w.end + 1 < hi && text[w.end + 1] != ' ' &&
		    text[w.end + 1] != '\n' && text[w.end + 1] != '\r');
		prev_end = w.end;
	}
	name_parts(text, nw, n);
	role_nouns(nw, n);
	return n;
}

/*
 * name_run - extend a run of name words at i in direction dir (+1/-1); the
 * words below `cue_end` (the cue itself, looking forward) are not checked as
 * the organisation word before a run.
 */
static bool
name_run(const struct nword *nw, size_t n, size_t i, int dir, size_t cue_end,
    size_t *first, size_t *last)
{
	size_t j = i, len = 1;

	for (;;) {
		size_t k = dir > 0 ? j + 1 : j - 1;

		if ((dir < 0 && j == 0) || (dir > 0 && k >= n) || !nw[k].name ||
		    !nw[dir > 0 ? k : j].joined)
			break;
		j = k;
		if (!nw[k].part && ++len > NAME_MAX_WORDS)
			return false;	/* a longer run is a company, not a person */
	}
	*first = dir > 0 ? i : j;
	*last = dir > 0 ? j : i;
	/* "Dana at Acme", "the Chamber of Commerce": organisations */
	if (*first > cue_end &&
	    str_in_list(org_words, NELEM(org_words), nw[*first - 1].folded))
		return false;
	for (size_t k = *first; k <= *last; k++)
		if (str_in_list(company_words, NELEM(company_words), nw[k].folded) ||
		    str_in_list(place_words, NELEM(place_words), nw[k].folded))
			return false;
	/* "the Bank of England"; but "Rob Keating of the Wessex Bowmen" is
	 * a person of an organisation */
	if (*last + 1 < n && strcmp(nw[*last + 1].folded, "of") == 0 &&
	    (*last + 2 >= n || nw[*last + 2].name))
		return false;
	return true;
}

/*
 * someone - the run [first, last] can name a person: two words or more
 * ("Jo Bloggs"), or one after a title ("Frau Hahn"); a capitalised word
 * alone is as often a German noun ("Nummer") or a first name nobody can
 * match later.
 */
static bool
someone(const struct nword *nw, size_t first, size_t last)
{
	size_t words = 0;

	for (size_t k = first; k <= last; k++)
		if (!nw[k].part)
			words++;
	return words >= 2 || (first > 0 &&
	    str_in_list(titles, NELEM(titles), nw[first - 1].folded));
}

/*
 * find_name - nearest name on one side of the cue words [cf, ca): a full
 * one, or with lone_ok also a lone word ("Priya recommended you").
 */
static bool
find_name(const struct nword *nw, size_t n, size_t cf, size_t ca, int dir,
    bool lone_ok, size_t *first, size_t *last)
{
	size_t gap = 0;

	if (dir < 0) {
		for (size_t i = cf; i > 0 && gap <= NAME_GAP; gap++) {
			size_t k = i - 1;

			if (nw[k].name) {
				if (name_run(nw, n, k, -1, 0, first, last) &&
				    (lone_ok || someone(nw, *first, *last)))
					return true;
				/* skip the whole run and the word tying it */
				for (i = k; i > 0 && nw[i - 1].name; i--)
					;
				continue;
			}
			i = k;
		}
		return false;
	}
	for (size_t i = ca; i < n && gap <= NAME_GAP; i++, gap++) {
		if (str_in_list(name_stops, NELEM(name_stops), nw[i].folded))
			return false;
		if (!nw[i].name)
			continue;
		if (!name_run(nw, n, i, 1, ca, first, last))
			return false;
		if (lone_ok || someone(nw, *first, *last))
			return true;
		i = *last;	/* "Sabine meinte": look past a lone word */
	}
	return false;
}

/* cl_drop_possessive - "Dana Reyes's" and "Dana Reyes’s" name Dana Reyes */
void
cl_drop_possessive(char *name)
{
	size_t n = strlen(name);

	if (n > 4 && strcmp(name + n - 4, "\xe2\x80\x99s") == 0)
		name[n - 4] = '\0';
	else if (n > 2 && (strcmp(name + n - 2, "'s") == 0 ||
	    strcmp(name + n - 2, "'S") == 0))
		name[n - 2] = '\0';
	else if (n > 1 && name[n - 1] == '\'')
		name[n - 1] = '\0';	/* "Jones'" */
}

/* cl_is_party - the name is the sender's or one of the owner's addresses' */
bool
cl_is_party(const struct cl *c, const char *name)
{
	const struct addrlist *lists[2] = { &c->m->to, &c->m->cc };
	const char *sn = c->m->from.name;

	if (sn && strcasecmp(sn, name) == 0)
		return true;
	if (sn && strncasecmp(sn, name, strlen(name)) == 0 &&
	    sn[strlen(name)] == ' ')
		return true;	/* the sender's first name */
	for (size_t l = 0; l < 2; l++)
		for (size_t i = 0; i < lists[l]->n; i++) {
			const struct address *a = &lists[l]->v[i];

			if (a->name && c->cfg && config_is_own(c->cfg, a->email) &&
			    strncasecmp(a->name, name, strlen(name)) == 0 &&
			    (a->name[strlen(name)] == '\0' ||
			    a->name[strlen(name)] == ' '))
				return true;
		}
	return false;
}

/*
 * cue_name - the personal name next to referral cue k, into out; *lone
 * when it is one untitled word ("Priya") because no full name is near.
 */
bool
cl_cue_name(const struct cl *c, size_t k, char *out, size_t *sbp, size_t *sep,
    bool *titled, bool *lone)
{
	struct nword nw[NAME_SLOTS];
	size_t sb, se, lo, hi, n, cf, ca, first, last, o = 0;
	int dir;
	bool found;

	cl_sentence(c->text, c->tlen, c->ref[k].start, c->ref[k].end, &sb, &se);
	*sbp = sb;
	*sep = se;
	lo = c->ref[k].start - sb > NAME_WINDOW ? c->ref[k].start - NAME_WINDOW : sb;
	hi = se - c->ref[k].end > NAME_WINDOW ? c->ref[k].end + NAME_WINDOW : se;
	/* a window cut inside a word starts at the next word */
	if (lo > sb)
		while (lo < c->ref[k].start && c->text[lo - 1] != ' ' &&
		    c->text[lo - 1] != '\n')
			lo++;
	n = cl_near_words(c->text, lo, hi, nw);
	for (cf = 0; cf < n && nw[cf].start < c->ref[k].start; cf++)
		;
	for (ca = cf; ca < n && nw[ca].start < c->ref[k].end; ca++)
		;
	if (ca == cf)
		return false;
	dir = str_in_list(cue_before_name, NELEM(cue_before_name),
	    nw[ca - 1].folded) ? 1 : -1;
	found = find_name(nw, n, cf, ca, dir, false, &first, &last) ||
	    find_name(nw, n, cf, ca, -dir, false, &first, &last);
	*lone = !found;
	if (!found && !(find_name(nw, n, cf, ca, dir, true, &first, &last) ||
	    find_name(nw, n, cf, ca, -dir, true, &first, &last)))
		return false;
	*titled = first == last && first > 0 &&
	    str_in_list(titles, NELEM(titles), nw[first - 1].folded);
	/* the name as written, blanks between its words made one space */
	for (size_t i = nw[first].start; i < nw[last].end; i++) {
		char ch = c->text[i];

		if (o + 1 >= CL_NAME_MAX)
			return false;
		if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n') {
			if (out[o - 1] != ' ')
				out[o++] = ' ';
			continue;
		}
		out[o++] = ch;
	}
	out[o] = '\0';
	cl_drop_possessive(out);
	return !cl_is_party(c, out);
}

bool
cl_name_run(const struct cl *c, const struct nword *nw, size_t first,
    size_t last, char *out)
{
	size_t o = 0;

	for (size_t i = nw[first].start; i < nw[last].end; i++) {
		char ch = c->text[i];

		if (o + 1 >= CL_NAME_MAX)
			return false;
		if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n') {
			if (o > 0 && out[o - 1] != ' ')
				out[o++] = ' ';
			continue;
		}
		out[o++] = ch;
	}
	out[o] = '\0';
	cl_drop_possessive(out);
	return o > 0;
}

/*
 * full_name_in - the person's full name in text[sb, se) nearest before
 * `at` (the subject of "Jo Bloggs asked me ... so she gave me your
 * number"), else nearest after it ("Me dio su teléfono Lucía Márquez");
 * two words or more, not a company or a place, not a party to the mail.
 * With at == (size_t)-1 the sentence must hold exactly one such name.
 */
static bool
full_name_in(const struct cl *c, size_t sb, size_t se, size_t at, char *out)
{
	struct nword nw[NAME_SLOTS];
	size_t n, lo = sb, hi = se, found = 0;
	bool have = false;
	char cand[CL_NAME_MAX];

	if (at != (size_t)-1) {
		lo = at - sb > NAME_WINDOW ? at - NAME_WINDOW : sb;
		hi = se - at > NAME_WINDOW ? at + NAME_WINDOW : se;
	} else if (se - sb > 2 * NAME_WINDOW) {
		lo = se - 2 * NAME_WINDOW;
	}
	while (lo > sb && lo < hi && c->text[lo - 1] != ' ' &&
	    c->text[lo - 1] != '\n')
		lo++;
	n = cl_near_words(c->text, lo, hi, nw);
	for (size_t i = 0; i < n; i++) {
		size_t first, last;

		if (!nw[i].name || (i > 0 && nw[i - 1].name && nw[i].joined))
			continue;	/* not the start of a run */
		/* "I work with Tanya Welsh": a person, unlike "at Acme" */
		if (!name_run(nw, n, i, 1, (size_t)-1, &first, &last) ||
		    (first > 0 && strcmp(nw[first - 1].folded, "with") != 0 &&
		    str_in_list(org_words, NELEM(org_words),
		    nw[first - 1].folded)) ||
		    !someone(nw, first, last) || first == last ||
		    !cl_name_run(c, nw, first, last, cand) || cl_is_party(c, cand))
			continue;
		found++;
		if (at == (size_t)-1 || nw[first].start < at || !have) {
			memcpy(out, cand, strlen(cand) + 1);
			have = true;
		}
		if (at != (size_t)-1 && nw[first].start >= at)
			break;	/* the first one after the cue */
	}
	return have && (at != (size_t)-1 || found == 1);
}

/*
 * pronoun_opens - the sentence [sb, se) opens with a subject pronoun
 * ("She", "Er", "Elle", "Él"); "Sie" only with a verb that makes it "she".
 */
static bool
pronoun_opens(const struct cl *c, size_t sb, size_t se)
{
	struct rules_word w1, w2;
	size_t pos = sb;

	if (!rules_word_next(c->text, se, &pos, &w1) || w1.overflow ||
	    !str_in_list(pronouns, NELEM(pronouns), w1.folded))
		return false;
	if (strcmp(w1.folded, "sie") != 0)
		return true;
	return rules_word_next(c->text, se, &pos, &w2) && !w2.overflow &&
	    str_in_list(sie_she, NELEM(sie_she), w2.folded);
}

/*
 * sender_tells - one of the three words before the cue at `at` is the
 * sender as its subject ("I said you're the person to ask"): the sender
 * speaks, nobody else is the referrer.
 */
static bool
sender_tells(const struct cl *c, size_t sb, size_t at)
{
	struct rules_word w;
	size_t pos = sb, seen = 0;
	bool last3[3] = { false, false, false };

	while (rules_word_next(c->text, at, &pos, &w))
		last3[seen++ % 3] = !w.overflow &&
		    str_in_list(first_person, NELEM(first_person), w.folded);
	return last3[0] || last3[1] || last3[2];
}

/*
 * far_name - the referrer's full name for cue k when none stands next to
 * it: anywhere in its sentence, or, when the sentence opens with a
 * pronoun, the one full name of the sentence before.  *sbp gets where the
 * evidence starts.
 */
bool
cl_far_name(const struct cl *c, size_t k, char *name, size_t *sbp)
{
	size_t sb, se;

	cl_sentence(c->text, c->tlen, c->ref[k].start, c->ref[k].end, &sb, &se);
	*sbp = sb;
	if (sender_tells(c, sb, c->ref[k].start))
		return false;
	if (full_name_in(c, sb, se, c->ref[k].start, name))
		return true;
	if (sb == 0 || !pronoun_opens(c, sb, se))
		return false;
	/* "... Lucy Tan. She said ...": the name of the sentence before */
	return cl_prev_name(c, sb, name, sbp);
}

/*
 * cl_full_name_in - the full name of text[sb, se) nearest before `at`,
 * else the first after it (see full_name_in); not a party to the mail.
 */
bool
cl_full_name_in(const struct cl *c, size_t sb, size_t se, size_t at,
    char *name)
{
	return full_name_in(c, sb, se, at, name);
}

/*
 * cl_name_before - a full name that ends at most `gap` words before `at`
 * in text[sb, at): the subject of "Fiona Gray will be in touch" or "Mein
 * Nachbar Jürgen Özdemir wird sich melden".
 */
bool
cl_name_before(const struct cl *c, size_t sb, size_t at, size_t gap,
    char *name)
{
	struct nword nw[NAME_SLOTS];
	size_t lo = at - sb > NAME_WINDOW ? at - NAME_WINDOW : sb, n;
	bool have = false;

	while (lo > sb && lo < at && c->text[lo - 1] != ' ' &&
	    c->text[lo - 1] != '\n')
		lo++;
	n = cl_near_words(c->text, lo, at, nw);
	for (size_t i = 0; i < n; i++) {
		size_t first, last;
		char cand[CL_NAME_MAX];

		if (!nw[i].name || (i > 0 && nw[i - 1].name && nw[i].joined))
			continue;	/* not the start of a run */
		if (!name_run(nw, n, i, 1, (size_t)-1, &first, &last) ||
		    (first > 0 && str_in_list(org_words, NELEM(org_words),
		    nw[first - 1].folded)) ||
		    !someone(nw, first, last) || first == last ||
		    n - 1 - last > gap || !cl_name_run(c, nw, first, last, cand) ||
		    cl_is_party(c, cand))
			continue;
		memcpy(name, cand, strlen(cand) + 1);
		have = true;
	}
	return have;
}

/*
 * cl_prev_name - the one full name of the sentence before the one that
 * starts at sb ("Do you remember Lucy Tan? I sent her your email");
 * *pbp gets where that sentence starts.
 */
bool
cl_prev_name(const struct cl *c, size_t sb, char *name, size_t *pbp)
{
	size_t pb, pe = sb;

	while (pe > 0 && (c->text[pe - 1] == ' ' || c->text[pe - 1] == '\n' ||
	    c->text[pe - 1] == '\r' || c->text[pe - 1] == '\t'))
		pe--;
	if (pe == 0)
		return false;
	cl_sentence(c->text, c->tlen, pe - 1, pe, &pb, &pe);
	if (pb >= sb || !full_name_in(c, pb, pe, (size_t)-1, name))
		return false;
	*pbp = pb;
	return true;
}

/* cl_pronoun_opens - the sentence [sb, se) opens with a subject pronoun */
bool
cl_pronoun_opens(const struct cl *c, size_t sb, size_t se)
{
	return pronoun_opens(c, sb, se);
}
