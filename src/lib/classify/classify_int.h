/*
 * classify_int.h - state shared by the files of the classify module.
 *
 * The dependencies run one way: classify.c (the pipeline) calls the
 * finders (classify_tags.c, classify_referral.c, classify_intro.c,
 * classify_near.c, classify_signs.c), classify_referral.c asks
 * classify_names.c for the names near its cues, and every file records
 * through classify_facts.c and reads sentences through classify_text.c,
 * which call back into nobody.
 *
 * One struct cl holds everything a single classify() call has learnt: the
 * inputs (borrowed), the facts being built (owned by the caller of
 * classify once returned), and what the one rules_scan over the text
 * found.  It lives on classify()'s stack; nothing here is global.
 */
#ifndef CLIENTELE_CLASSIFY_INT_H
#define CLIENTELE_CLASSIFY_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "classify/classify.h"
#include "classify/rules.h"

#define CL_MAX_TAGS	64	/* tag phrase occurrences remembered per message */
#define CL_MAX_EXCEPT	32	/* exception phrase occurrences remembered */
#define CL_AUTOREPLY_WINDOW 600	/* bytes at the start where an out-of-office
				 * sentence makes an auto-reply */
#define CL_MAX_CUES	16	/* referral / introduction cues looked at */
#define CL_MAX_WEAK	16	/* [weak] phrase occurrences looked at */
#define CL_MAX_FAINT	4	/* unaimed weak praise kept for irony */
#define CL_MAX_AIM	64	/* [aim] occurrences remembered; past that,
				 * a weak phrase's sentence is scanned again */
#define CL_MAX_PEOPLE	100	/* people recorded per message */
#define CL_MAX_EVIDENCE	200	/* bytes of evidence text */
#define CL_MAX_CODE	64	/* bytes of a referral code */
#define CL_EMAIL_MAX	320	/* bytes of an address from a lookup */
#define CL_MAX_UNTIL	4	/* [aim until] occurrences remembered */
#define CL_MAX_MONTHS	4	/* [aim month] occurrences remembered */
#define CL_MAX_DEAL	4	/* [aim deal] occurrences remembered */
#define CL_MAX_REBUFF	4	/* [aim rebuff] occurrences remembered */
#define CL_MAX_BID	8	/* [aim bid] occurrences remembered */
#define CL_MAX_OUTCOME	48	/* [outcome] occurrences remembered */
#define CL_MAX_DISMISS	4	/* [aim dismiss] occurrences remembered */
#define CL_MAX_SCORN	8	/* [aim scorn] occurrences remembered */

/* A phrase occurrence in the text: [start, end). */
struct cl_span {
	size_t start;
	size_t end;
};

struct cl_taghit {
	const char *tag;	/* borrowed from the rules */
	struct cl_span at;
};

struct cl {
	const struct message *m;
	const struct envelope *env;
	const struct config *cfg;
	const struct rules *r;
	const struct classify_known *known;
	const struct classify_header *head;	/* the header as read, or NULL */
	struct facts *f;

	const char *text;	/* m->text, or "" */
	size_t tlen;
	const char *sender;	/* facts' copy of the sender's address */

	/* what rules_scan found in the text */
	struct cl_taghit tags[CL_MAX_TAGS];
	size_t ntags;
	struct cl_span ref[CL_MAX_CUES];
	size_t nref;
	struct cl_span intro[CL_MAX_CUES];
	size_t nintro;
	struct cl_taghit except[CL_MAX_EXCEPT];	/* tag = what it cancels */
	size_t nexcept;
	struct cl_taghit weak[CL_MAX_WEAK];	/* [weak] phrases; tag = what
						 * they count for */
	size_t nweak;
	struct cl_taghit aim[CL_MAX_AIM];	/* [aim] phrases; tag = "aim"
						 * or the NAME of [aim NAME] */
	size_t naim;
	bool aim_full;		/* more [aim] phrases than aim[] holds */
	struct cl_money_seen {	/* the scan's [aim debt] and first [aim
				 * slow-payer], [aim owed], [aim when] */
		bool debt;
		bool have[3];
		struct cl_span at[3];
		struct cl_span until[CL_MAX_UNTIL];	/* [aim until]: "when
							 * I", "cuando pueda" */
		size_t nuntil;
		struct cl_span month[CL_MAX_MONTHS];	/* [aim month]:
							 * "June", "Juni" */
		size_t nmonth;
		struct cl_span deal[CL_MAX_DEAL];	/* [aim deal]: "je
							 * signe", "lo encargo" */
		size_t ndeal;
		struct cl_span wait;	/* the first [aim wait]: "will have
					 * to wait", "antes no puedo" */
		bool have_wait;
		struct cl_span rebuff[CL_MAX_REBUFF];	/* [aim rebuff]:
							 * "leave me alone" */
		size_t nrebuff;
		struct cl_span bid[CL_MAX_BID];	/* [aim bid]: "leave it
						 * at", "dejaríais en" */
		size_t nbid;
	} money;
	struct cl_span dismiss[CL_MAX_DISMISS];	/* [aim dismiss]: "keep
						 * your", "ne m'écrivez plus" */
	size_t ndismiss;
	struct cl_span scorn[CL_MAX_SCORN];	/* [aim scorn]: "the
						 * arrogance", "kleinlich" */
	size_t nscorn;
	struct cl_span faint[CL_MAX_FAINT];	/* [weak praise] with nothing
						 * aiming it: only irony
						 * ("Oh brilliant, another
						 * hour") makes it count */
	size_t nfaint;
	size_t nplain;		/* faint[0, nplain) are [weak praise] words,
				 * the rest bare exclamations */
	bool tied;		/* the defects or an unheeded chase made the
				 * complaint: tied to the owner's work by
				 * their own tests (classify_outcome.c) */
	bool asks;		/* an [aim request] phrase: the text asks the
				 * owner for new work */
	bool favour;		/* an [aim favour] phrase: the owner's price or a
				 * free slot asked (classify_stranger.c) */
	struct cl_span give[CL_MAX_CUES];	/* [weak announce] beside [aim
						 * announce]: "I gave ... your
						 * number" */
	size_t ngive;
	struct cl_span come[CL_MAX_CUES];	/* [announce]: "will be in touch" */
	size_t ncome;
	struct cl_span away[CL_MAX_CUES];	/* [autoreply] phrases */
	size_t naway;
	bool autoreply;		/* an [autoreply] phrase opens a sentence early on */
	struct cl_outhit {	/* [outcome] phrases, for classify_outcome.c */
		const char *name;	/* the section: "defect", "good", ... */
		const char *phrase;	/* as written in the rules; borrowed */
		struct cl_span at;
	} outc[CL_MAX_OUTCOME];
	size_t noutc;
	const char *subject_intro;	/* the subject introduces ("Introduction:
					 * Anna / Ben"): the subject, else NULL */
	struct cl *subj;	/* the subject's own scan, while classify runs */
	size_t first;		/* offset of the first non-space byte */
	struct cl_said_memo {	/* what the owner said in the mail the reply
				 * answers, asked of the store once
				 * (cl_owner_said); on classify()'s stack */
		bool asked, found;
		struct classify_said v;
	} *said;
};

/*
 * cl_cancelled - an [not NAME] exception for `name` lies in the sentence
 * around `at` (so "if the link does not work" cancels "does not work").
 */
bool cl_cancelled(const struct cl *c, const char *name, struct cl_span at);

/* A test of a display name against n bytes of text. */
typedef bool (*cl_name_fit)(const char *name, const char *s, size_t n);

/* cl_name_opens - a word of the display name begins with the n bytes at
 * w, any case ("Montse" of "Montserrat Pujol") */
bool cl_name_opens(const char *name, const char *w, size_t n);

/* cl_recipient_by - the first To or Cc address, the owner's (own) or
 * neither the owner's nor the sender's, whose name fits s[0, n) */
const struct address *cl_recipient_by(const struct cl *c, bool own,
    cl_name_fit fits, const char *s, size_t n);

/* cl_sender_alias - the address is the sender's own under another name */
bool cl_sender_alias(const struct cl *c, const struct address *a);

/*
 * cl_forwarded - the person whose message the sender forwarded, when the
 * mail carries one who may become a contact (not the owner, a colleague,
 * a role address or the sender); NULL otherwise.
 */
const struct address *cl_forwarded(const struct cl *c);

/*
 * cl_forward_referral - a customer forwarded someone's request: they are
 * that person's referrer (classify_referral.c); -1 on ENOMEM.
 */
int cl_forward_referral(struct cl *c);

/*
 * cl_near_add - remember a [weak] or [aim] phrase occurrence of the scan
 * (classify_near.c); other kinds are ignored.
 */
void cl_near_add(struct cl *c, const struct rules_match *rm);

/*
 * cl_near_amounts - every money amount of the text ("£1,200", "2.200
 * Euro", "15 %") as a [weak tag] occurrence, while room remains; the
 * caller calls it for replies only, where an amount answers a quote.
 */
void cl_near_amounts(struct cl *c, const char *tag);

/*
 * cl_near_counter - a counter-figure in a reply: a sum lower than the
 * highest money amount named before it (in the quoted text, or earlier in
 * the sender's own), and at least half of it ("£85 call-out" quoted, "call
 * it 60 all in"; "6.350 € ... für 5.500 wären wir uns einig").  Dates,
 * times, fractions and ages ("he's turning 40") are no sums.  Its span
 * into *at.
 */
bool cl_near_counter(const struct cl *c, struct cl_span *at);

/*
 * cl_near_unit - one of units[0, n) (written in lower case) follows t[j]
 * after blanks (compared without case): its end, or 0.
 */
size_t cl_near_unit(const char *t, size_t len, size_t j,
    const char *const *units, size_t n);

/*
 * cl_near_figure_starts - 1 at the bytes a figure can start with: a digit
 * or the first byte of "$", "£" or "€".  cl_near_figure is 0 at every
 * other byte, so a scan of a text skips those with one load each.
 */
extern const unsigned char cl_near_figure_starts[256];

/*
 * cl_near_figure - a number starts at t[i] ("400", "3.20", "£1,200",
 * "0,06 €"): its value in cents into *cents, whether it carries a money
 * sign or unit into *money, and its end; 0 for no number, a year, a date,
 * a time or a fraction.
 */
size_t cl_near_figure(const char *t, size_t len, size_t i,
    unsigned long long *cents, bool *money);
/* cl_near_sum_in - a figure carrying a money sign or unit (cl_near_figure)
 * in t[from, to): "the £925", "190 Euro" */
bool cl_near_sum_in(const char *t, size_t from, size_t to);

/*
 * cl_spelt_at - a number written in words starts at the word at t[i]
 * ("fifty", "a round thousand", "zweihundert", "quatre-vingts",
 * "trescientos"; classify_spelt.c): true with *s filled when a currency
 * word follows it (money), a percent word (percent), or nothing it
 * counts (open: the clause ends, or "off", "and", "wenn", "y" joins the
 * next); false for no number, "one" or an article alone, or a count
 * ("sixty feet", "mil gracias").
 */
struct cl_spelt {
	unsigned long long value;	/* in whole units */
	size_t end;		/* past its words, and its unit when one */
	bool money, percent, open;
	bool round;		/* a round hundred or thousand */
};
bool cl_spelt_at(const char *t, size_t len, size_t i, struct cl_spelt *s);

/* cl_spelt_counted - a noun follows the figure ending at t[end]: it
 * counts things ("10 minutes", "sixty feet"), no sum, no percentage, no
 * joining word, not the end of its clause */
bool cl_spelt_counted(const char *t, size_t len, size_t end);

/*
 * cl_bid_before - an [aim bid] verb the scan noted stands before the
 * figure fig with only light words between ("leave it at", "Machen Sie
 * uns", "me las dejaríais en"; classify_bid.c), and the figure is money
 * (a sum or a percentage) or counts nothing (cl_spelt_counted)
 */
bool cl_bid_before(const struct cl *c, struct cl_span fig, bool money);

/* cl_bid_off - a word of taking off follows the figure ending at
 * text[end]: a cut asked, not a price ("knock fifty off", "50 Euro
 * nachlassen", "50 € de moins", "50 € menos"; classify_bid.c) */
bool cl_bid_off(const struct cl *c, size_t end);

/* cl_spelt_starts - 1 at the letters a number word can start with */
extern const unsigned char cl_spelt_starts[256];

/*
 * cl_money_haggles (classify_money.c), cl_money_defers (classify_defer.c) -
 * a figure the
 * sender proposes below another price of the mail or its quote (in mail
 * that owes, outside a sentence that pays), or a percentage asked above
 * another or beside a word of haggling; a payment put off in a thread
 * about a bill or in mail owning a debt.  The span to judge into *at.
 */
/* cl_money_note - remember an [aim] phrase of the scan that puts a
 * payment off or owns a debt (called by the scan's on_match); true for the
 * sections only classify_money.c reads (counter, rival, bill, debt, when,
 * until) */
bool cl_money_note(struct cl *c, const struct rules_match *rm);
bool cl_money_haggles(const struct cl *c, bool owes, struct cl_span *at);
bool cl_money_defers(const struct cl *c, struct cl_span *at);
/* cl_paid_early - the sentence of at puts its payment before the due
 * point ("a week before it's due", "avant l'échéance"; classify_defer.c) */
bool cl_paid_early(const struct cl *c, struct cl_span at);
/* cl_money_owner_cut - the figure at is a price of the quoted owner's mail
 * less a percentage that mail gives: the owner's own discount */
bool cl_money_owner_cut(const struct cl *c, struct cl_span at);
/* cl_money_misread - the haggler hit at questions no price: a sum the
 * sender says is paid, a price word of a name the owner is called, or
 * a discount thanked for or accepted (cl_taken_up) */
bool cl_money_misread(const struct cl *c, struct cl_span at);
/* cl_money_rough - the [aim haggler] match m of the text closes a pair of
 * opposites joined by "or" ("more or less", "más o menos"): a sum given
 * roughly, no aim word (classify_misread.c) */
bool cl_money_rough(const struct cl *c, const struct rules_match *m);
/*
 * cl_taken_up - the haggler hit at lies in the object of thanks or of an
 * acceptance ("gracias por el descuento", "we accept your special
 * price"): the owner's offer taken up, not a price questioned
 * (classify_taken.c)
 */
bool cl_taken_up(const struct cl *c, struct cl_span at);
/* cl_taken_thanks - the praise hit at is thanks whose object is a discount
 * or a price ("Thank you so much for the discount"): manners towards the
 * offer, not praise of work (classify_taken.c) */
bool cl_taken_thanks(const struct cl *c, struct cl_span at);
/* cl_money_seek - the first phrase of section (kind, name) ending in
 * t[from, to) (t NULL: none), its span into *at when at is not NULL */
bool cl_money_seek(const struct cl *c, const char *t, size_t from, size_t to,
    enum rules_kind kind, const char *name, struct cl_span *at);
/* CL_QUOTE_WINDOW - bytes of the quoted owner's mail read, from its top,
 * for its figures and whether it is about a bill */
#define CL_QUOTE_WINDOW 4096
/* cl_bill_named - the subject or the top of the quoted owner's mail names
 * a bill ([aim bill]); cl_bill_thread - so does it, or the owner's mail
 * the reply answers unquoted did (cl_owner_said) */
bool cl_bill_named(const struct cl *c);
bool cl_bill_thread(const struct cl *c);
/* cl_money_top - the highest money amount of t[0, len) in cents (a sum,
 * or a number in a sentence with a money word), 0 for none; percentages
 * are none */
unsigned long long cl_money_top(const struct cl *c, const char *t,
    size_t len);

/*
 * cl_said_of_owner - what the owner's own mail (FACTS_OUTGOING) says that
 * a reply may answer without quoting it, into c->f->said: the highest
 * money amount of the new text and whether it names a bill
 * (classify_said.c).
 */
void cl_said_of_owner(struct cl *c);
/*
 * cl_owner_said - what the owner's mail this reply answers (its
 * In-Reply-To, else its last References id) said to the sender, as the
 * store kept it (struct classify_known's owner_said), asked once a
 * message; NULL when the reply quotes something (the quote is read
 * instead) or the store knows no such mail of the owner's to the sender
 * (classify_thread.c).
 */
const struct classify_said *cl_owner_said(const struct cl *c);

/*
 * cl_near_resolve - every remembered [weak] phrase whose sentence holds an
 * [aim] phrase joins the tags, referral or introduction cues it counts for.
 */
void cl_near_resolve(struct cl *c);

/*
 * cl_near_aimed - the sentence around `at` holds a phrase of [aim want]
 * other than `at` itself (one scan of that sentence, bounded by
 * cl_sentence's window).  Used after cl_near_resolve has forgotten the
 * aims of the text's scan.
 */
bool cl_near_aimed(const struct cl *c, struct cl_span at, const char *want);

/*
 * cl_near_between - text[from, to) holds a phrase of [aim want] (one scan
 * of that stretch).
 */
bool cl_near_between(const struct cl *c, size_t from, size_t to,
    const char *want);

/* cl_is_reply - In-Reply-To, References or a reply prefix in the subject */
bool cl_is_reply(const struct message *m);
/*
 * cl_away_text - the sender's text is an out-of-office with no header to
 * say so: a short answer asking nothing, with two kinds of its signs
 * ([aim absent], [aim unread], [aim back], [aim urgent], [aim received]),
 * one of them about the mailbox; on true why (at least 64 bytes) names
 * two of them (classify_away.c).
 */
bool cl_away_text(const struct cl *c, char *why, size_t whylen);
/* cl_id_is_own - a Message-ID made at an own domain (classify_thread.c) */
bool cl_id_is_own(const struct cl *c, const char *id);
/* cl_thread_joined - a reply to a mail not the owner's, in a thread where
 * the owner wrote to another party of this mail and never to the sender
 * (classify_thread.c, asking the store) */
bool cl_thread_joined(const struct cl *c);
/* cl_answers_owner - the reply answers the owner's mail: an id it answers
 * was made at an own domain, or its quote's attribution names an own
 * address (classify_stranger.c) */
bool cl_answers_owner(const struct cl *c);
/* cl_asks_work - the text asks for work: an [aim request] or [enquiry] hit */
bool cl_asks_work(const struct cl *c);
/* cl_first_contact - not a reply, from someone the store has no customer
 * for (classify_known.c) */
bool cl_first_contact(const struct cl *c);
/*
 * cl_first_asks - a first contact (cl_first_contact) that asks for work
 * (cl_asks_work: an [enquiry] phrase, or an [aim request] one: "can you
 * come", "könnten Sie"): what it says is wrong is the problem the owner
 * is asked to fix ("our roof leaks, can you come and look?"), not a
 * complaint about the owner's work, unless the sentence names that work
 * ([aim work]: "your invoice", "the kitchen you fitted").
 */
bool cl_first_asks(const struct cl *c);
/* cl_stranger_asks - a reply to somebody else's mail (!cl_answers_owner)
 * that asks the owner for work: the faults it tells are in work the
 * owner never did */
bool cl_stranger_asks(const struct cl *c);
/*
 * cl_finished_told - a sender the store knows, in mail that joins no
 * other party's thread, tells in text[0, upto) (to the end of upto's
 * sentence) that the owner's work is back with them ([aim returned]) or
 * lodges a complaint in so many words ([aim lodge]), as their own
 * statement: a fault told there is in the owner's work, not a new job
 * (classify_finished.c)
 */
bool cl_finished_told(const struct cl *c, size_t upto);

/* cl_thread_ids - In-Reply-To and References into f->thread, once each */
int cl_thread_ids(struct facts *f, const struct message *m);

/*
 * cl_list_address - bulk mail's own list address into f->list_address;
 * 0, or -1 on ENOMEM (classify_thread.c).
 */
int cl_list_address(struct facts *f, const struct message *m);

/*
 * cl_across_sentences - a sentence ends inside text[start, end): "is
 * recommended. You get the idea" holds no "recommended you".
 */
bool cl_across_sentences(const char *text, size_t start, size_t end);

/*
 * cl_asks - the sentence text[sb, se) ends with a question mark, past
 * blanks, closing quotes and brackets ("... ready by Friday?)")
 */
bool cl_asks(const char *text, size_t sb, size_t se);

/*
 * cl_sentence_opens - only blanks, or a short greeting and a comma, stand
 * between the start of a line or sentence and `at`.
 */
bool cl_sentence_opens(const char *text, size_t at);

/*
 * cl_words - the blank-separated words of text[from, to) ("--" and "!"
 * count), counted up to max + 1: enough to tell "at most max" from more.
 */
size_t cl_words(const char *text, size_t from, size_t to, size_t max);

/*
 * cl_words_back - where the `words` blank-separated words before at begin,
 * not before from
 */
size_t cl_words_back(const char *text, size_t from, size_t at, size_t words);

/*
 * cl_paragraph_start - where the paragraph holding text[p] begins: at the
 * blank line before it (two line ends with only blanks between), or 0
 */
size_t cl_paragraph_start(const char *text, size_t p);

/*
 * cl_paragraph_end - where the paragraph holding text[p] ends: at the
 * blank line after it, or len
 */
size_t cl_paragraph_end(const char *text, size_t len, size_t p);

/*
 * cl_aimed_gate - take back the sender's complaint unless it is aimed at
 * the owner: the mail answers the owner, the sentence or paragraph of its
 * evidence speaks to the owner or names their job, or a customer replies
 * (classify_aimed.c).  0, or -1 on ENOMEM.
 */
int cl_aimed_gate(struct cl *c);

/* cl_blank_line_in - a blank line lies in text[from, to): a paragraph
 * ends there */
bool cl_blank_line_in(const char *text, size_t from, size_t to);

/* cl_first_word - offset of the first word of s, or len if it has none */
size_t cl_first_word(const char *s, size_t len);

/* cl_drop_cancelled - remove the cues of kind `name` an exception cancels */
size_t cl_drop_cancelled(const struct cl *c, const char *name,
    struct cl_span *v, size_t n);

/*
 * cl_tag_facts - the tags the sender's own words earned, the enquiry tag
 * and the referral tags (classify_tags.c); -1 on ENOMEM.
 */
int cl_tag_facts(struct cl *c);

/*
 * cl_introduced_trouble - the paragraph of at holds, before it, a cue
 * that the sender introduces or recommends somebody (in mail that records
 * the referral) or passes the owner's details on ("I've copied in Tessa.
 * Her clock is broken"): what goes wrong there may be the newcomer's job,
 * so it holds no praise of the owner back (cl_owner_fault_stands)
 */
bool cl_introduced_trouble(const struct cl *c, struct cl_span at);

/*
 * cl_introductions - whom the sender introduces to the owner, by who is
 * among the visible recipients and what the text says of them
 * (classify_intro.c); -1 on ENOMEM.
 */
int cl_introductions(struct cl *c);

/*
 * cl_outcome_tags - complaint and praise from what the sender describes
 * of the delivered work, not from judgement words: defects tied to the
 * owner's work, a good result with thanks (classify_outcome.c); -1 on
 * ENOMEM.
 */
int cl_outcome_tags(struct cl *c);

/* cl_outcome_in - an [outcome name] phrase lies in text[from, to) */
bool cl_outcome_in(const struct cl *c, const char *name, size_t from,
    size_t to);
/* cl_outcome_first - the first [outcome name] phrase in text[from, to), or
 * NULL */
const struct cl_outhit *cl_outcome_first(const struct cl *c, const char *name,
    size_t from, size_t to);

/* cl_defect_stands - a defect of the text stands as the sender's report */
bool cl_defect_stands(const struct cl *c);
/* cl_owner_fault_stands - the same, leaving out the trouble of somebody
 * the mail introduces (cl_introduced_trouble), told to the owner */
bool cl_owner_fault_stands(const struct cl *c);
/* cl_defect_stands_in - the same, for a defect lying in text[from, to) */
bool cl_defect_stands_in(const struct cl *c, size_t from, size_t to);

/* cl_sender_tagged - the facts already give the sender tag */
bool cl_sender_tagged(const struct cl *c, const char *tag);

/*
 * cl_epithet_tags - an epithet the sender calls the owner ("you're a
 * cowboy", "vous êtes un charlatan") in mail about a fault of the work:
 * rude, and a complaint (classify_epithet.c); -1 on ENOMEM.
 */
int cl_epithet_tags(struct cl *c);

/*
 * cl_scorn_tags - the owner's skill belittled beside a fault: a novice
 * said to do better ("a child did it with a nail", "un amateur ferait
 * mieux"), or the owner asked whether they are just a name ("or just
 * some cowboy?"): rude (classify_scorn.c); -1 on ENOMEM.
 */
int cl_scorn_tags(struct cl *c);

/*
 * cl_dismiss_note - remember an [aim dismiss] or [aim scorn] phrase of the
 * scan (called by the scan's on_match): true for those two sections
 * (classify_dismiss.c)
 */
bool cl_dismiss_note(struct cl *c, const struct rules_match *rm);

/*
 * cl_dismiss_tags - the sender sends the owner away ("keep your", "ne
 * m'écrivez plus") in mail that scorns them ("the arrogance", "de
 * pacotilla"): rude (classify_dismiss.c); -1 on ENOMEM.
 */
int cl_dismiss_tags(struct cl *c);

/*
 * cl_notice_tags - the owner's appointment called off or moved at short
 * notice, told to the owner ("your visit has been moved at the last
 * minute"): a complaint (classify_notice.c); -1 on ENOMEM.
 */
int cl_notice_tags(struct cl *c);

/* cl_cue_scanned - the scan found a [tag TAG] phrase (classify_epithet.c) */
bool cl_cue_scanned(const struct cl *c, const char *tag);

/* cl_excluded - address that can never be a customer: invalid, own or role */
bool cl_excluded(const struct cl *c, const char *email);

/*
 * cl_own_subject - the sentence of at opens with somebody of a trade who is
 * the sender's or somebody else's, not the owner ("Our vet ... is
 * brilliant"), and nothing in it aims at the owner
 */
bool cl_own_subject(const struct cl *c, struct cl_span at);

/*
 * cl_named_other - the judgement at is of somebody of the sender's named in
 * apposition before it ("our venue coordinator, Fiona, has been brilliant")
 */
bool cl_named_other(const struct cl *c, struct cl_span at);

/* cl_own_lot - the judgement at is of what the sender went through
 * ("I've had an awful month"), nothing in its sentence aimed at the owner */
bool cl_own_lot(const struct cl *c, struct cl_span at);
/* cl_own_time - the judgement at is of a span of time the sender lived
 * through ("an awful month"), nothing in its clause aimed at the owner */
bool cl_own_time(const struct cl *c, struct cl_span at);

/* cl_party_after - the judgement at is joined by a tie ("with", "mit",
 * "avec", "con") to a third party or a former one named after it, and
 * nothing in its clause aims at the owner (classify_party.c) */
bool cl_party_after(const struct cl *c, struct cl_span at);
/* cl_party_had - the sentence of at opens on a noun group of formerness
 * the sender says they had ("The last farrier we had was ..."), and
 * nothing in the sentence aims at the owner (classify_party.c) */
bool cl_party_had(const struct cl *c, struct cl_span at);
/* cl_party_taken - the sentence text[sb, se) opens on the sender taking
 * the thing to somebody named with the indefinite article ("I took it to
 * a shop ... and they made a mess of it"), and names nothing of the
 * owner (classify_party.c) */
bool cl_party_taken(const struct cl *c, size_t sb, size_t se);
/* cl_party_former - text[from, to) opens on a noun group of formerness
 * and a relative of a person: "the last man who" (classify_party.c) */
bool cl_party_former(const struct cl *c, size_t from, size_t to);
/* cl_self_praised - the praise word at names the sender's own side, a
 * first person of the plural, as the best ("call us the best agency",
 * "wir sind die Besten"): classify_self.c */
bool cl_self_praised(const struct cl *c, struct cl_span at);

/* cl_welcome_courtesy - the praise word at is the delight of a welcome
 * looked forward to ("nous serions ravis de vous compter parmi",
 * "we would be delighted to"): classify_self.c */
bool cl_welcome_courtesy(const struct cl *c, struct cl_span at);

/* cl_about_subject - the judgement's clause, read past its asides (a
 * bracket, a connective between commas), opens on a third party or a
 * former one and holds nothing of the owner (classify_about.c) */
bool cl_about_subject(const struct cl *c, struct cl_span at);
/* cl_about_own - the judgement's clause opens on a relative of somebody
 * of the sender's named right before its comma ("our vicar, who has the
 * same problem"), and speaks nothing of the owner (classify_about.c) */
bool cl_about_own(const struct cl *c, struct cl_span at);
/* cl_own_damage - the damage word at is the sender's own deed or mishap
 * ("ich habe ... beschädigt", "j'ai cassé", "se me rompió"), told in a
 * mail that asks for work (classify_deed.c) */
bool cl_own_damage(const struct cl *c, struct cl_span at);
/* cl_about_recipient - the judgement is given "to them" ("Bravo à eux"),
 * nothing of the owner before it in its clause, nor for praise in its
 * sentence or the one before (classify_about.c) */
/* cl_about_sentence - the sentence text[sb, se) opens on a third party or
 * a former one and names the owner only in a bracket (classify_about.c) */
bool cl_about_sentence(const struct cl *c, size_t sb, size_t se);
bool cl_about_recipient(const struct cl *c, struct cl_span at, bool praise);
/* cl_party_content - where the clause of at that a judgement belongs to
 * starts: after the last "that"/"dass"/"que" before at when what stands
 * from cb to it speaks to the owner (a frame: "I'm writing to let you
 * know that"), else cb (classify_party.c) */
size_t cl_party_content(const struct cl *c, size_t cb, struct cl_span at);

/* cl_found_by_owner - the defect at is one the owner's work found in the
 * sender's things ([aim found] in its clause: "you spotted two worn
 * carabiners"), no fault of that work (classify_found.c) */
bool cl_found_by_owner(const struct cl *c, struct cl_span at);

/* cl_insult_thing - the one-word insult at names a thing of the sender's:
 * after a first-person possessive, the sender's having and an article, or a
 * verb of repair ("J'ai un petit clown musicien"); classify_thing.c */
bool cl_insult_thing(const struct cl *c, struct cl_span at);

/* cl_own_thing - the judgement at is of the sender's own thing ("my fan is
 * broken"), nothing in its sentence aimed at the owner */
bool cl_own_thing(const struct cl *c, struct cl_span at);

/*
 * cl_placed_doer - the clause of the judgement at opens on somebody named
 * by what they are and a place or person tied on ("le brocanteur de
 * Vanves", "the lad in Hove") who did what it judges, with nothing in
 * the sentence speaking to the owner (classify_placed.c)
 */
bool cl_placed_doer(const struct cl *c, struct cl_span at);

/* cl_in_a_name - the capitalised hit at is part of a name ("Valle de
 * Bravo"), or the hit names a class or counts ("Klasse B", "de 10 años") */
bool cl_in_a_name(const struct cl *c, struct cl_span at);

/*
 * cl_vouched - the sentence of at tells of somebody or something the owner
 * recommended ([aim vouched]: "der Hufschmied, den Sie mir empfohlen
 * haben, ist großartig"): what it praises is the one recommended, not
 * the owner's work.  One scan of that sentence; classify_whose.c.
 */
bool cl_vouched(const struct cl *c, struct cl_span at);

/*
 * cl_their_verdict - the judgement at's clause opens on a pronoun of the
 * third person ("der ist seit Jahren bei Ihnen und sehr zufrieden", "she
 * was thrilled with you", "il est ravi"): somebody else's satisfaction
 * the sender reports
 */
bool cl_their_verdict(const struct cl *c, struct cl_span at);

/*
 * cl_others_report - text[from, to) holds a verb of saying ([aim report])
 * whose speaker is not the sender's own people ("the wool man says", not
 * "die ganze Mannschaft sagt" nor "my wife says"): what it reports is
 * somebody else's judgement (classify_acclaim.c).
 */
bool cl_others_report(const struct cl *c, size_t from, size_t to);

/*
 * cl_ours_say - the span x (an exception) holds a verb of saying whose
 * speaker is the sender's own people ("Nuestras amazonas dicen que"): a
 * praise after it is the sender's, not hearsay (classify_acclaim.c).
 */
bool cl_ours_say(const struct cl *c, struct cl_span x);

/*
 * cl_past_clause - the clause around at is told in the past ("Picked up
 * the euphonium on Saturday", "Le buffet de samedi a fait l'unanimité",
 * "el domingo salió"), by the forms of its verbs (classify_tense.c).
 */
bool cl_past_clause(const struct cl *c, struct cl_span at);

/*
 * cl_booked_slot - a day or an hour of text[from, to) ([aim slot]) being
 * arranged: not set in the past or spread over a stretch by an [aim
 * lasting] phrase beside it ("since Sunday"), and not in a clause told in
 * the past (cl_past_clause).  One scan of the range.
 */
bool cl_booked_slot(const struct cl *c, size_t from, size_t to);

/* cl_sentence - bounds [*sb, *se) of the sentence around [start, end) */
void cl_sentence(const char *text, size_t len, size_t start, size_t end,
    size_t *sb, size_t *se);

/*
 * cl_quote_marks - how many quotation marks (" „ “ ” « » ‹ ›) text[from, to)
 * holds: an odd count before a word puts it inside a quotation
 */
size_t cl_quote_marks(const char *text, size_t from, size_t to);

/* cl_capital - the word at s starts with a capital letter, Latin-1
 * included (s holds at least two bytes, or a NUL after the first) */
bool cl_capital(const char *s);

/* cl_clause_start - where the clause holding `at` starts within [sb, at):
 * after the last , ; : ( or ) before it, else sb */
size_t cl_clause_start(const char *text, size_t sb, size_t at);

/* cl_clause_end - where the clause holding `from` ends within [from, se):
 * at the first , ; or : from it, else se */
size_t cl_clause_end(const char *text, size_t from, size_t se);

/* cl_subordinate_between - a word that opens a subordinate clause
 * ("when", "because", "als", "weil", "quand", "cuando") stands in
 * text[from, to) */
bool cl_subordinate_between(const char *text, size_t from, size_t to);

/*
 * cl_evidence - the sentence [sb, se) trimmed, spaces collapsed, capped at
 * CL_MAX_EVIDENCE bytes; a long sentence is cut so that the match at `at`
 * stays in view.  Caller frees.
 */
char *cl_evidence(const char *text, size_t sb, size_t se, size_t at);

/* One sentence of evidence told with others ("the account [the cheer]"):
 * its bounds and match as for cl_evidence, its share of CL_MAX_EVIDENCE
 * (0: what the parts with a share and the frame leave), and what
 * cl_evidence_parts made of it: ev (freed by cl_parts_free), cut to len. */
struct cl_part {
	size_t sb, se, at, share;
	char *ev;
	int len;
};

/*
 * cl_evidence_parts - the evidence of each of the n parts, each cut to its
 * share, those without one to what is left once frame bytes of brackets
 * and separators are kept; false on ENOMEM, with nothing left to free
 */
bool cl_evidence_parts(const char *text, struct cl_part *p, size_t n,
    size_t frame);

/* cl_parts_free - free what cl_evidence_parts made */
void cl_parts_free(struct cl_part *p, size_t n);

/* cl_add_person - add a person unless already there; -1 on ENOMEM */
int cl_add_person(struct cl *c, const char *email, const char *name,
    bool sender);

/* cl_drop_tag - take back a tag this message gave email, if any */
void cl_drop_tag(struct cl *c, const char *email, const char *tag);

/* cl_add_tag - add a tag (once per person and tag); evidence is taken over */
int cl_add_tag(struct cl *c, const char *email, const char *tag,
    char *evidence);

/*
 * cl_add_referral - record a referral unless a rule forbids it (self,
 * own or role address, referred already has a referrer in this message).
 * evidence is taken over.  Returns 1 if added, 0 if refused, -1 on ENOMEM.
 */
int cl_add_referral(struct cl *c, const char *referrer,
    const char *referrer_name, const char *referred, const char *how,
    char *evidence);

/*
 * cl_add_announce - the sender passed the owner's details on to name
 * (once per name and message); evidence is taken over.  1 added, 0
 * refused, -1 on ENOMEM.
 */
int cl_add_announce(struct cl *c, const char *name, char *evidence);

/*
 * cl_mentions - referrers named near a [referral] cue of c->text: by
 * address, by a known name, or pending (classify_referral.c); -1 on ENOMEM.
 */
int cl_mentions(struct cl *c);

#define CL_NAME_MAX	128	/* bytes of a referrer's name as written */

/* cl_lookup - ask the store through fn; out gets a lower-case address */
bool cl_lookup(bool (*fn)(void *, const char *, char *, size_t), void *ctx,
    const char *key, char *out, size_t outlen);

/*
 * cl_cue_name - the personal name next to referral cue k into out
 * (CL_NAME_MAX bytes); [*sbp, *sep) get the cue's sentence; *titled when
 * it is a surname after a title ("Frau Vogel"), *lone when it is one
 * untitled word ("Priya") because no full name is near (classify_names.c).
 */
bool cl_cue_name(const struct cl *c, size_t k, char *out, size_t *sbp,
    size_t *sep, bool *titled, bool *lone);

/*
 * cl_known_name - the address of a name the store knows; a three-word
 * name is also tried without its first or its last word, and name is
 * shortened to what was found.
 */
bool cl_known_name(const struct cl *c, char *name, char *email, size_t elen);

/* cl_by_surname - "Frau Vogel": the one known person of that surname */
bool cl_by_surname(const struct cl *c, const char *surname, char *email,
    size_t elen);

/* cl_sentence_known - any known person named in the sentence of cue k */
bool cl_sentence_known(const struct cl *c, size_t k, char *name, char *email,
    size_t elen);

/*
 * cl_far_name - a full name for cue k anywhere in its sentence, or, after
 * an opening pronoun, the one full name of the sentence before; *sbp gets
 * where the evidence starts.
 */
bool cl_far_name(const struct cl *c, size_t k, char *name, size_t *sbp);

/* cl_full_name_in - the full name of [sb, se) nearest before at, else after */
bool cl_full_name_in(const struct cl *c, size_t sb, size_t se, size_t at,
    char *name);

/* cl_name_before - a full name ending at most gap words before at */
bool cl_name_before(const struct cl *c, size_t sb, size_t at, size_t gap,
    char *name);

/* cl_prev_name - the one full name of the sentence before sb's */
bool cl_prev_name(const struct cl *c, size_t sb, char *name, size_t *pbp);

/* cl_pronoun_opens - [sb, se) opens with a subject pronoun ("She", "Er") */
bool cl_pronoun_opens(const struct cl *c, size_t sb, size_t se);

/*
 * cl_announcements - names the sender passed the owner's details on to,
 * kept in f->announced until they write (classify_announce.c); -1 on
 * ENOMEM.
 */
int cl_announcements(struct cl *c);

/*
 * cl_sender_gives - the sentence text[sb, se) has the sender giving the
 * owner's details to someone ("habe ich Ihre Nummer gegeben"): its names
 * are people the sender sent, never the sender's referrer.
 */
bool cl_sender_gives(const struct cl *c, size_t sb, size_t se);

/*
 * cl_body_codes - a referral code quoted in the text ("code FL-77") that
 * the store knows credits its holder (classify_codes.c); -1 on ENOMEM.
 */
int cl_body_codes(struct cl *c);

/*
 * cl_learn_code - the owner's mail to one person hands them a code
 * (owner+<ReferralTag>CODE@, "code FL-77"): into f->code_for and f->code
 * (classify_codes.c); -1 on ENOMEM.
 */
int cl_learn_code(struct cl *c);

/* The referral codes (classify_codes.c). */
/* cl_codes - codes the message was sent to (owner+ref-CODE@) or names in its subject; -1 on ENOMEM */
int cl_codes(struct cl *c);
/* cl_try_code - a code the store knows credits its holder; -1 on ENOMEM */
int cl_try_code(struct cl *c, const char *code, const char *where);

/* cl_code_len - bytes of s (at most max) that can make a referral code */
size_t cl_code_len(const char *s, size_t max);

/* cl_code_in_address - owner+<tag>CODE@own.domain gives CODE (CL_MAX_CODE + 1 bytes) */
bool cl_code_in_address(const struct cl *c, const char *addr, const char *tag,
    char *code);

/* cl_referrals - find every referral form (classify_referral.c); -1 on ENOMEM */
int cl_referrals(struct cl *c);

/* cl_signs_as - other addresses of the sender's own signature (classify_signs.c); -1 on ENOMEM */
int cl_signs_as(struct cl *c);

#endif
