/*
 * check_classify_sarcasm - false praise on unseen mail, by structure, with
 * the shipped rules (session eleven, recog24b): a cheer on each side of
 * an account of failure (classify_bracket.c; recog25a: or a cheer, the
 * failure and a demand to redo) and a cheer run on past
 * commas to a colon and a failure (classify_sneer.c) are sneers; a
 * verdict after a greeting, and praise in a clause said by name to
 * another recipient, are not the sender's judgement of the owner's work
 * (classify_results.c, classify_whose.c).  Session thirteen (recog30c,
 * classify_irony.c): a sneer whose account, in its sentence or the
 * sentences before it, tells of a third party and names nothing of the
 * owner is neither praise nor a complaint of the owner; a praise word
 * that names a thing ("Le chapeau") in a sentence that tells a defect of
 * it is no praise.  Each with the traps that must still tag.
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

struct sarcasm_case {
	const char *cc;		/* a Cc line's value, or NULL */
	const char *body;	/* of a customer's reply to the owner */
	bool praise;		/* the sender gets praise */
	bool complaint;		/* the sender gets a complaint */
};

/* a short cheer opening a paragraph, praise closing it, a failure
 * between */
static const struct sarcasm_case brackets[] = {
	{ NULL, "Genial. Me ha llegado una multa porque alguien se "
	  "olvid\xc3\xb3 de presentar la declaraci\xc3\xb3n. Muchas "
	  "gracias, de verdad, un trabajo fant\xc3\xa1stico.", false, true },
	{ NULL, "Oh marvellous. The projector kept cutting out during the "
	  "talk. Really top value for the money, well done everyone.", false,
	  true },
	{ NULL, "Formidable. Vous avez oubli\xc3\xa9 les poign\xc3\xa9"
	  "es et le tiroir du bas reste coinc\xc3\xa9. Du beau travail, "
	  "bravo.", false, true },
	{ NULL, "Ganz toll. Der Wasserhahn tropft und die Fliesen sind "
	  "schief. Hervorragende Arbeit, vielen Dank auch.", false, true },
	/* traps: a good result between, the sender's own forgetting, a
	 * paragraph between the two */
	{ NULL, "Brilliant. The leak under the sink is gone and the floor "
	  "has dried out. Great job, thanks.", true, false },
	{ NULL, "Genial. Se me olvid\xc3\xb3 pagar la factura, perdona. Un "
	  "trabajo fant\xc3\xa1stico.", true, false },
	{ NULL, "Brilliant.\n\nThe gutter is leaking at every joint. Great "
	  "job on the porch though.", true, false },
};

/* a cheer opening a paragraph, a failure, the sender's will that the
 * work be redone closing it (recog25a; German, French and Spanish mail
 * so shaped already lose the cheer's praise to the complaint) */
static const struct sarcasm_case demands[] = {
	{ NULL, "Well done Martin, really impressive work. \xc2\xa3" "220 and "
	  "three weeks later, and the hand still sticks whatever the weather "
	  "does. It's no better than when I brought it in. I expect you to "
	  "put this right without charging me again.", false, true },
	/* traps: a good result between, a turn, a blank line between */
	{ NULL, "Well done Martin, really impressive work. The hand moves "
	  "freely now and the glass is spotless. I expect you to put the "
	  "scratched bezel right as well.", true, true },
	{ NULL, "Well done, really impressive work. But the hand still "
	  "sticks. I expect you to put this right.", true, true },
	{ NULL, "Well done, really impressive work.\n\nThe hand still sticks "
	  "whatever the weather does. I expect you to put this right.",
	  true, true },
};

/* a cheer run on past commas to a colon and a failure */
static const struct sarcasm_case colons[] = {
	{ NULL, "Bravo, vraiment, beau travail : depuis votre passage il y a "
	  "des coulures sur toute la fa\xc3\xa7" "ade.\n\nMerci de revenir "
	  "nettoyer.", false, true },
	{ NULL, "Genial, de verdad, gran trabajo: desde vuestra visita hay "
	  "manchas en toda la fachada.\n\nPor favor, volved a limpiarlo.",
	  false, true },
	/* traps: thanks in the run; a good result after the colon */
	{ NULL, "Great job, thanks, one more thing: the side gate is "
	  "sticking.", true, false },
	{ NULL, "Bravo, vraiment, beau travail : la fa\xc3\xa7" "ade est "
	  "comme neuve.", true, false },
};

/* said to somebody else, or the courtesy of meeting */
static const struct sarcasm_case others[] = {
	{ "\xc3\x89tienne Carrel <etienne@carrel.example>", "Merci "
	  "\xc3\x89tienne !\n\nBonjour Sam, ravie. Nous avons sept "
	  "cuv\xc3\xa9" "es ; je peux passer jeudi ?", false, false },
	{ "Nadia Keller <nadia@keller.example>", "Hi Sam, delighted. We "
	  "make seven wines and need about 25,000 labels a year.", false,
	  false },
	{ "Vincent Chollet <v@chollet.example>", "Petite parenth\xc3\xa8se : "
	  "Vincent, le notaire dont je te parlais est vraiment au top.",
	  false, false },
	{ "Ben Hale <ben@hale.example>", "Ben, the plumber I told you about "
	  "did a superb job on our boiler.", false, false },
	/* traps: the owner named in the clause said to another; a verdict
	 * that opens its sentence; praise said to the owner by name */
	{ "Vincent Chollet <v@chollet.example>", "Vincent, Sam est vraiment "
	  "au top, elle a fait tous nos diagnostics.", true, false },
	{ "Ben Hale <ben@hale.example>", "Ben, Sams Kurs am Dienstag hat "
	  "mir den R\xc3\xbc" "cken gerettet, ich bin total begeistert.",
	  true, false },
	{ NULL, "Ravie. Les \xc3\xa9tiquettes sont superbes.", true, false },
	{ NULL, "Hello Sam, thrilled with the new shelves. They look "
	  "wonderful.", true, false },
	{ "Ben Hale <ben@hale.example>", "Sam, you did a superb job on our "
	  "boiler.", true, false },
};

/* recog28a: a weak cheer turned at once by irony, or run past its "!" to
 * a colon and a failure, is a sneer: the other cheers of its mail
 * praise nothing */
static const struct sarcasm_case sneers[] = {
	{ NULL, "Oh great, another \"we'll be with you next week\". That's "
	  "the third week running. Fantastic service, Sam, really first "
	  "class.", false, true },
	{ NULL, "Enhorabuena, \xc2\xa1un trabajo de primera!, de verdad: "
	  "cuatro de los trajes que reparaste siguen entrando agua por las "
	  "mismas costuras.", false, true },
	/* traps: a cheer that turns to the next meeting; thanks; a fault
	 * gone after the colon */
	{ NULL, "Great, see you on Tuesday then. Thrilled with the new "
	  "shelves, they look wonderful.", true, false },
	{ NULL, "Perfect, thanks again. The shelves look wonderful.", true,
	  false },
	{ NULL, "Enhorabuena, \xc2\xa1un trabajo de primera!, de verdad: "
	  "el traje ya no entra agua. Muchas gracias.", true, false },
	{ NULL, "Hi Sam, great job, really: the tap no longer drips.", true,
	  false },
};

/* recog28a: praise turned by "but" to an account that a complaint closes
 * in the next sentence */
static const struct sarcasm_case turns[] = {
	{ NULL, "Le mariage \xc3\xa9tait superbe, mais je dois vous dire que "
	  "trois bouteilles \xc3\xa9taient troubles, avec un d\xc3\xa9p\xc3"
	  "\xb4t. Je suis d\xc3\xa9\xc3\xa7ue, pour ce prix-l\xc3\xa0.",
	  false, true },
	{ NULL, "The wedding was lovely, but I have to tell you that three "
	  "of the bottles were cloudy with sediment. I'm very disappointed, "
	  "for that price.", false, true },
	/* traps: no complaint after the account; a blank line between */
	{ NULL, "Thrilled with the new shelves, they look wonderful, but the "
	  "hall still needs a second coat of paint. Could you quote for "
	  "it?", true, false },
	{ NULL, "The shelves look wonderful, but the delivery van blocked "
	  "our drive for an hour.\n\nI'm very disappointed with the courier "
	  "you use.", true, true },
};

/* recog28a: a person of a trade set against another by a connective */
static const struct sarcasm_case contrasts[] = {
	{ NULL, "Les bouteilles sont arriv\xc3\xa9" "es. Le traiteur, lui, a "
	  "fait un travail remarquable du d\xc3\xa9" "but \xc3\xa0 la fin.",
	  false, false },
	{ NULL, "Las botellas llegaron. El cocinero, por su parte, hizo un "
	  "trabajo estupendo.", false, false },
	{ NULL, "Las botellas llegaron. El cocinero, en cambio, hizo un "
	  "trabajo estupendo.", false, false },
	{ NULL, "Die Flaschen kamen an. Der Caterer hingegen war wirklich "
	  "gro\xc3\x9f" "artig.", false, false },
	/* traps: the owner's man; a thing, no person */
	{ NULL, "Your caterer, for their part, did a fantastic job from "
	  "start to finish.", true, false },
	{ NULL, "The bottles, for their part, were fantastic from start to "
	  "finish.", true, false },
};

/* recog28a: the sender's own side called the best; a welcome's delight */
static const struct sarcasm_case selves[] = {
	{ NULL, "Our clients call us the best SEO agency they've ever worked "
	  "with!", false, false },
	{ NULL, "Nous serions ravis de vous compter parmi les exposants.",
	  false, false },
	{ NULL, "We would be delighted to welcome you among the "
	  "exhibitors.", false, false },
	{ NULL, "Estar\xc3\xad" "amos encantados de contar con usted entre "
	  "los expositores.", false, false },
	/* traps: the sender's feeling; the owner before it; the sender's
	 * day */
	{ NULL, "We are delighted with the new shelves.", true, false },
	{ NULL, "You made us the happiest couple in town, the shelves are "
	  "wonderful.", true, false },
	{ NULL, "We had a great time, thank you so much, the shelves look "
	  "wonderful.", true, false },
};

/* irony about a third party: the account is theirs (session thirteen,
 * recog30c, classify_irony.c) */
static const struct sarcasm_case ironies[] = {
	{ NULL, "The chairs are home again. Only the train was late as usual: "
	  "ninety minutes, just wonderful.", false, false },
	{ NULL,
	  "Die St\xc3\xbchle sind wieder zu Hause. Nur die Bahn war auf der "
	  "R\xc3\xbc" "ckfahrt mal wieder p\xc3\xbcnktlich wie immer: 90 "
	  "Minuten Versp\xc3\xa4tung, ganz gro\xc3\x9f" "artig.", false,
	  false },
	{ NULL,
	  "The courier took the parcel to a depot in Leeds and back, and it "
	  "turned up a week late. Outstanding service, five stars, would be "
	  "lost again.", false, false },
	{ NULL, "Le transporteur a perdu le colis pendant trois jours. Service "
	  "impeccable, comme d'habitude.", false, false },
	{ NULL,
	  "El mensajero dej\xc3\xb3 el paquete en la calle bajo la lluvia. "
	  "Un servicio excelente, como siempre.", false, false },
	/* traps: the owner's work the account; the owner named in the
	 * sneer; a sincere cheer of the owner after the third party */
	{ NULL, "The chair you mended wobbles again. Outstanding service, five "
	  "stars, would be lost again.", false, true },
	{ NULL, "The courier was late again, but the chairs you restored are "
	  "wonderful.", true, false },
	{ NULL, "The courier was late again. The chairs are wonderful, thank "
	  "you so much.", true, false },
};

/* a praise word naming a thing in an account of its defects */
static const struct sarcasm_case things[] = {
	{ NULL,
	  "Je suis d\xc3\xa9\xc3\xa7ue. Le chapeau me serre tellement que "
	  "j'ai mal \xc3\xa0 la t\xc3\xaate, et la doublure se "
	  "d\xc3\xa9" "colle d\xc3\xa9j\xc3\xa0.", false, true },
	{ NULL, "I am disappointed. The Bravo cabinet is already coming apart.",
	  false, true },
	{ NULL,
	  "Ich bin entt\xc3\xa4uscht. Der Bravo-Lack bl\xc3\xa4ttert schon "
	  "ab.", false, true },
	{ NULL, "Estoy decepcionada. El Bravo que me vendieron ya se ha roto.",
	  false, true },
	/* traps: the cheer itself, a defect word inside praise, a defect
	 * gone, "un grand bravo" */
	{ NULL, "Chapeau ! Le chapeau me va parfaitement.", true, false },
	{ NULL, "Thrilled with the new shelves. They look wonderful and the "
	  "wobble is gone.", true, false },
	{ NULL, "Le chapeau est magnifique, merci, la doublure ne bouge plus.",
	  true, false },
	{ NULL, "Un grand bravo, la doublure ne se d\xc3\xa9" "colle plus.",
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
check_case(const char *what, int n, const struct sarcasm_case *k)
{
	struct classify_known known = { .ctx = NULL,
	    .is_customer = is_customer };
	char headers[256];
	struct message *m;
	struct facts *f;
	bool praise = false, complaint = false;

	snprintf(headers, sizeof(headers), "%s%s%s"
	    "In-Reply-To: <job-1@brightdesk.example>\r\n",
	    k->cc ? "Cc: " : "", k->cc ? k->cc : "", k->cc ? "\r\n" : "");
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

START_TEST(demand)
{
	check_case("demand", _i, &demands[_i]);
}
END_TEST

START_TEST(bracket)
{
	check_case("bracket", _i, &brackets[_i]);
}
END_TEST

START_TEST(colon)
{
	check_case("colon", _i, &colons[_i]);
}
END_TEST

START_TEST(other)
{
	check_case("other", _i, &others[_i]);
}
END_TEST

START_TEST(sneer)
{
	check_case("sneer", _i, &sneers[_i]);
}
END_TEST

START_TEST(turn)
{
	check_case("turn", _i, &turns[_i]);
}
END_TEST

START_TEST(contrast)
{
	check_case("contrast", _i, &contrasts[_i]);
}
END_TEST

START_TEST(self)
{
	check_case("self", _i, &selves[_i]);
}
END_TEST

START_TEST(irony_of_other)
{
	check_case("irony", _i, &ironies[_i]);
}
END_TEST

START_TEST(praise_of_thing)
{
	check_case("thing", _i, &things[_i]);
}
END_TEST

TL_SUITE_AROUND(classify_sarcasm, setup, teardown, 0, bracket,
    TL_LOOPS(brackets), demand, TL_LOOPS(demands), colon, TL_LOOPS(colons), other, TL_LOOPS(others),
    sneer, TL_LOOPS(sneers), turn, TL_LOOPS(turns), contrast,
    TL_LOOPS(contrasts), self, TL_LOOPS(selves), irony_of_other,
    TL_LOOPS(ironies), praise_of_thing, TL_LOOPS(things))
