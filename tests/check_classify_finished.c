/*
 * check_classify_finished - complaints of finished work when the owner's
 * reply is not in the mailbox (session thirteen, recog29a), with the
 * shipped rules.
 *
 * A customer's mail that answers only their own enquiry ("Re:" subject,
 * no In-Reply-To, or In-Reply-To their own mail) reads as a reply to
 * nobody known; what it says is wrong was the problem the owner is asked
 * to fix.  Told after the owner's work is back with the sender ("has
 * come back with", "ya he visto las molduras") or after a complaint
 * lodged in so many words ("leider muss ich reklamieren"), it is a
 * complaint (classify_finished.c).  Also: a second insult beside one
 * that complains of nothing by itself ("Jeder Lehrling ...") complains;
 * the time the owner took to answer the sender ("Trois semaines pour me
 * répondre").  Each with the traps that must not tag.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "classify/classify.h"
#include "classify/rules.h"
#include "mail/config.h"
#include "mail/message.h"
#include "testlib.h"

TL_OWNER_FIXTURE

/* is_customer - the sender is known when ctx says so */
static bool
is_customer(void *ctx, const char *email)
{
	(void)email;
	return *(const bool *)ctx;
}

struct finished_case {
	const char *headers;	/* "Name: value\r\n" lines, or "" */
	bool known;		/* the store knows the sender */
	const char *body;
	bool want;		/* the sender is tagged complaint */
};

/* no In-Reply-To: the mail client kept only "Re:" */
#define BARE ""
/* In-Reply-To the sender's own enquiry, not the owner's mail */
#define OWN "In-Reply-To: <pat-0@example.net>\r\n"

static const struct finished_case cases[] = {
	/* the owner's work back with the sender, then put right asked */
	{ BARE, true, "Got the blades back today. The grass blades are fine "
	  "but the ditch blade has come back with the beard bent over and "
	  "the ring rattles. Can you sort it out or refund that one please.",
	  true },
	{ OWN, true, "Paco, ya he visto las molduras. El empalme se nota "
	  "much\xc3\xadsimo y hay una grieta en la esquina del sal\xc3\xb3n. "
	  "As\xc3\xad no lo puedo dar por bueno, tendr\xc3\xa1s que volver.",
	  true },
	{ OWN, true, "J'ai r\xc3\xa9" "cup\xc3\xa9r\xc3\xa9 les coupes hier. "
	  "L'une est fendue au pied. Pouvez-vous la refaire ?", true },
	/* a complaint lodged in so many words */
	{ BARE, true, "Leider muss ich reklamieren: Bei drei der zw\xc3\xb6lf "
	  "Festmacher sind die Augsplei\xc3\x9f" "e schon aufgegangen. "
	  "K\xc3\xb6nnen Sie die drei nachbessern?", true },
	/* traps: a newcomer; the cue asked, negated or of a third party; a
	 * known customer's new job told with no cue */
	{ BARE, false, "Got the blades back today. The ditch blade has come "
	  "back with the beard bent over. Can you sort it out please.",
	  false },
	{ BARE, true, "Have the blades come back yet? The ditch blade had "
	  "a bent beard when I sent it, can you straighten it?", false },
	{ BARE, true, "I got it back from the courier today and the handle "
	  "is cracked. Could you fit a new one?", false },
	{ BARE, true, "Our gutter is leaking and the downpipe is cracked, "
	  "could you look at it?", false },
	{ BARE, true, "Unsere Dachrinne ist undicht und das Fallrohr hat "
	  "einen Riss. K\xc3\xb6nnten Sie sich das ansehen?", false },
};

/* a second insult beside one that complains of nothing by itself */
static const struct finished_case insults[] = {
	{ OWN, true, "Die Altarkerzen ru\xc3\x9f" "en und tropfen wie "
	  "verr\xc3\xbc" "ckt. Was f\xc3\xbcr eine St\xc3\xbcmperin sind "
	  "Sie eigentlich? Jeder Lehrling bekommt das besser hin.", true },
	{ OWN, true, "Les verres sont de hauteurs diff\xc3\xa9rentes et deux "
	  "sont \xc3\xa9" "br\xc3\xa9" "ch\xc3\xa9s. Vous appelez \xc3\xa7" "a "
	  "de l'artisanat ? C'est du travail de cochon.", true },
	/* traps: the contempt for competence alone; advice waved away
	 * beside scorn that calls no name */
	{ OWN, true, "Jeder Lehrling bekommt das besser hin.", false },
	{ OWN, true, "Je n'ai pas besoin de vos conseils de d\xc3\xa9" "coration. "
	  "Je vous ai demand\xc3\xa9 un prix pour trois cadres. Si c'est trop "
	  "compliqu\xc3\xa9 pour vous, dites-le.", false },
};

/* the time the owner took to answer the sender */
static const struct finished_case slow[] = {
	{ OWN, true, "Trois semaines pour me r\xc3\xa9pondre. Trois "
	  "semaines !", true },
	{ OWN, true, "Three weeks to get back to me. Unbelievable.", true },
	{ OWN, true, "Tres semanas para contestarme. Tres semanas.", true },
	{ OWN, true, "Drei Wochen, um mir zu antworten! Drei Wochen.", true },
	/* traps: the sender's own lateness */
	{ OWN, true, "D\xc3\xa9sol\xc3\xa9" "e, j'ai mis trois semaines pour "
	  "vous r\xc3\xa9pondre.", false },
	{ OWN, true, "Sorry it took me three weeks to reply to you.", false },
};

/* complained - classify the case as Pat's "Re: Job" mail */
static bool
complained(const struct finished_case *k)
{
	bool known = k->known;
	struct classify_known kn = { .ctx = &known,
	    .is_customer = is_customer };
	struct message *m = tl_mail_to_owner("Re: Job", k->headers, k->body);
	struct facts *f = classify(m, NULL, cfg, rules, &kn);
	bool got = false;

	ck_assert_ptr_nonnull(f);
	for (size_t i = 0; i < f->ntags; i++)
		if (strcmp(f->tags[i].tag, "complaint") == 0 &&
		    strcmp(f->tags[i].email, "pat@example.net") == 0)
			got = true;
	facts_free(f);
	message_free(m);
	return got;
}

static void
check_case(const char *what, int n, const struct finished_case *k)
{
	bool got = complained(k);

	ck_assert_msg(got == k->want, "%s %d: complaint %s (%s)", what, n,
	    got ? "given" : "missed", k->body);
}

START_TEST(finished_work)
{
	check_case("finished", _i, &cases[_i]);
}
END_TEST

START_TEST(second_insult)
{
	check_case("insult", _i, &insults[_i]);
}
END_TEST

START_TEST(slow_answer)
{
	check_case("slow", _i, &slow[_i]);
}
END_TEST

TL_SUITE_AROUND(classify_finished, setup, teardown, 0, finished_work,
    TL_LOOPS(cases), second_insult, TL_LOOPS(insults), slow_answer,
    TL_LOOPS(slow), 0)
