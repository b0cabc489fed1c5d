/*
 * check_classify_irony - irony and praise whose target is not the owner
 * (session thirteen, recog30c; classify_irony.c): a sneer whose account,
 * in its sentence or the sentences before it, tells of a third party and
 * names nothing of the owner is neither praise nor a complaint of the
 * owner; a praise word that names a thing ("Le chapeau") in a sentence
 * that tells a defect of it is no praise.  Each with the traps that must
 * still tag.
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

struct irony_case {
	const char *body;	/* of a customer's reply to the owner */
	bool praise;		/* the sender gets praise */
	bool complaint;		/* the sender gets a complaint */
};

/* irony about a third party: the account is theirs */
static const struct irony_case others[] = {
	{ "The chairs are home again. Only the train was late as usual: "
	  "ninety minutes, just wonderful.", false, false },
	{ "Die St\xc3\xbchle sind wieder zu Hause. Nur die Bahn war auf der "
	  "R\xc3\xbc" "ckfahrt mal wieder p\xc3\xbcnktlich wie immer: 90 "
	  "Minuten Versp\xc3\xa4tung, ganz gro\xc3\x9f" "artig.", false,
	  false },
	{ "The courier took the parcel to a depot in Leeds and back, and it "
	  "turned up a week late. Outstanding service, five stars, would be "
	  "lost again.", false, false },
	{ "Le transporteur a perdu le colis pendant trois jours. Service "
	  "impeccable, comme d'habitude.", false, false },
	{ "El mensajero dej\xc3\xb3 el paquete en la calle bajo la lluvia. "
	  "Un servicio excelente, como siempre.", false, false },
	/* traps: the owner's work the account; the owner named in the
	 * sneer; a sincere cheer of the owner after the third party */
	{ "The chair you mended wobbles again. Outstanding service, five "
	  "stars, would be lost again.", false, true },
	{ "The courier was late again, but the chairs you restored are "
	  "wonderful.", true, false },
	{ "The courier was late again. The chairs are wonderful, thank "
	  "you so much.", true, false },
};

/* a praise word naming a thing in an account of its defects */
static const struct irony_case things[] = {
	{ "Je suis d\xc3\xa9\xc3\xa7ue. Le chapeau me serre tellement que "
	  "j'ai mal \xc3\xa0 la t\xc3\xaate, et la doublure se "
	  "d\xc3\xa9" "colle d\xc3\xa9j\xc3\xa0.", false, true },
	{ "I am disappointed. The Bravo cabinet is already coming apart.",
	  false, true },
	{ "Ich bin entt\xc3\xa4uscht. Der Bravo-Lack bl\xc3\xa4ttert schon "
	  "ab.", false, true },
	{ "Estoy decepcionada. El Bravo que me vendieron ya se ha roto.",
	  false, true },
	/* traps: the cheer itself, a defect word inside praise, a defect
	 * gone, "un grand bravo" */
	{ "Chapeau ! Le chapeau me va parfaitement.", true, false },
	{ "Thrilled with the new shelves. They look wonderful and the "
	  "wobble is gone.", true, false },
	{ "Le chapeau est magnifique, merci, la doublure ne bouge plus.",
	  true, false },
	{ "Un grand bravo, la doublure ne se d\xc3\xa9" "colle plus.",
	  true, false },
};

/* is_customer - every sender is a customer */
static bool
is_customer(void *ctx, const char *email)
{
	(void)ctx;
	(void)email;
	return true;
}

/* check_case - classify the case as Pat's reply and assert its tags */
static void
check_case(const char *what, int n, const struct irony_case *k)
{
	struct classify_known known = { .ctx = NULL,
	    .is_customer = is_customer };
	char headers[256];
	struct message *m;
	struct facts *f;
	bool praise = false, complaint = false;

	snprintf(headers, sizeof(headers),
	    "In-Reply-To: <job-1@brightdesk.example>\r\n");
	m = tl_mail_to_owner("Re: the job", headers, k->body);
	f = classify(m, NULL, cfg, rules, &known);
	ck_assert_ptr_nonnull(f);
	for (size_t i = 0; i < f->ntags; i++) {
		if (strcmp(f->tags[i].email, "pat@example.net") != 0)
			continue;
		praise = praise || strcmp(f->tags[i].tag, "praise") == 0;
		complaint = complaint ||
		    strcmp(f->tags[i].tag, "complaint") == 0;
	}
	ck_assert_msg(praise == k->praise, "%s %d: praise %s (%s)", what, n,
	    praise ? "given" : "missing", k->body);
	ck_assert_msg(complaint == k->complaint, "%s %d: complaint %s (%s)",
	    what, n, complaint ? "given" : "missing", k->body);
	facts_free(f);
	message_free(m);
}

START_TEST(other)
{
	check_case("other", _i, &others[_i]);
}
END_TEST

START_TEST(thing)
{
	check_case("thing", _i, &things[_i]);
}
END_TEST

TL_SUITE_AROUND(classify_irony, setup, teardown, 0, other,
    TL_LOOPS(others), thing, TL_LOOPS(things))
