/*
 * check_classify_acclaim - praise told by its shape (classify_acclaim.c),
 * with the shipped rules, in replies of a customer to the owner's mail,
 * in four languages: the sender's own people speaking or delighted, an
 * opening exclamation of delight, a superlative measured by the sender's
 * experience, more work promised, thanks tacked onto a judgement or typed
 * long on a phone after an account, a gift the owner is said to have, a
 * word of the owner's gift or manner or the master of a craft; and
 * the traps that must praise nobody
 * (a third party's word or person, an exclamation glad of a date, asked,
 * quoted or turned by irony, a superlative of a wait, the rest of a
 * payment, thanks that sneer or acknowledge after an insult).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testlib.h"

TL_OWNER_FIXTURE

static const struct {
	bool praise;
	const char *body;
	const char *why;	/* in the praise's evidence, or NULL */
} cases[] = {
	/* the sender's own people say it, or are delighted */
	{ true, "We took it out for the Wednesday series. Our whole crew "
	  "says the shape is spot on, even in the gusts.", NULL },
	{ true, "Am Wochenende waren wir auf dem Fluss. Die ganze "
	  "Jugendgruppe sagt, die Boote sind einfach klasse.", NULL },
	{ true, "Toute l'\xc3\xa9quipe dit que les coussins sont "
	  "impeccables.", NULL },
	{ true, "Nuestras amazonas dicen que son una maravilla, no rozan "
	  "nada.", NULL },
	{ true, "Los cadetes est\xc3\xa1n encantados.", "encantados" },
	/* ... somebody else says it, or is delighted */
	{ false, "Our neighbour says it is the neatest cover in the "
	  "harbour.", NULL },
	{ false, "The wool man says the fleece is superb.", NULL },
	{ false, "Ella est\xc3\xa1 encantada.", NULL },
	/* an exclamation of delight opens the reply */
	{ true, "What a transformation!\r\n\r\nWe can see the bow through "
	  "the windows again.", "what a transformation" },
	{ true, "Carmen,\r\n\r\n\xc2\xa1Qu\xc3\xa9 gozada!\r\n\r\nLa yegua "
	  "ya no se queja al ensillarla.", "gozada" },
	{ true, "Quelle merveille ! On voit de nouveau la mer \xc3\xa0 "
	  "travers les fen\xc3\xaatres.", "merveille" },
	{ true, "Lukas,\r\n\r\nwas f\xc3\xbcr eine Freude! Man sieht von "
	  "dem Riss nichts mehr.", "Freude" },
	/* ... glad of a date, manners, turned, asked, quoted */
	{ false, "What a relief!\r\n\r\nThursday at ten suits us, the boat "
	  "is on the pontoon.", NULL },
	{ false, "What a pleasure to hear from you. We are away until "
	  "June.", NULL },
	{ false, "What a joy. Another week without the heating.", NULL },
	{ false, "Wie sch\xc3\xb6n! Wann k\xc3\xb6nnen Sie kommen?", NULL },
	{ false, "\"What a joy!\" said the brochure. We shall see.", NULL },
	/* a superlative measured by the sender's experience */
	{ true, "That is the flattest storm jib I have ever seen on a boat "
	  "this size.", "ever" },
	{ true, "Das sind die sch\xc3\xb6nsten Sitze, die wir je in einem "
	  "Boot hatten.", "wir je" },
	{ true, "Ce sont les banquettes les plus confortables que nous "
	  "ayons jamais eues \xc3\xa0 bord.", "que nous ayons" },
	{ true, "Es la montura m\xc3\xa1s c\xc3\xb3moda que hemos tenido en "
	  "casa.", "que hemos" },
	/* ... of a wait, of a person, of somebody else's */
	{ false, "That was the longest wait we've ever had for a sail.",
	  NULL },
	{ false, "The harbourmaster is the most patient man I've ever dealt "
	  "with.", NULL },
	{ false, "El veterinario es el hombre m\xc3\xa1s paciente que he "
	  "conocido.", NULL },
	{ false, "My old teacher would have loved it. He was the kindest "
	  "teacher I've ever had.", NULL },
	/* more work promised beside thanks */
	{ true, "Thank you, the cover went on without a fight. We'll send "
	  "the rest of the club's covers over to you in the spring.",
	  "we'll send" },
	{ true, "Muchas gracias, las mantas ya est\xc3\xa1n puestas. En "
	  "primavera le mandaremos el resto de los caballos de la "
	  "escuela.", "le mandaremos" },
	/* ... the rest of a payment, or of what the owner needs */
	{ false, "Thank you. I'll send the rest of the payment by "
	  "transfer this week.", NULL },
	{ false, "We'll send the rest of the drawings once we have them.",
	  NULL },
	{ false, "Thank you so much for waiting. I'll send the rest of the "
	  "money on Friday.", NULL },
	{ false, "Danke fÃ¼r die Geduld, den Rest der 400 Euro "
	  "schicke ich nÃ¤" "chste Woche.", NULL },
	/* thanks tacked onto a judgement after a comma or a dash */
	{ true, "Die Kinder, die sonst beim Sport nur am Rand zuschauen, "
	  "klettern jetzt in jeder Pause an der Wand. Sie haben sauber und "
	  "leise gearbeitet - herzlichen Dank!", NULL },
	{ true, "La puerta cierra con un dedo y la madera ha recuperado el "
	  "color de antes. Un trabajo de primera, muchas gracias.", NULL },
	/* ... a sneer, or an acknowledgement after an insult */
	{ false, "Das Bier war lauwarm und die Musik so leise, dass man nur "
	  "das Rauschen gehÃ¶rt hat. Ein Abend der Extraklasse, "
	  "vielen Dank auch.", NULL },
	{ false, "The carrier dumped the lot on my drive in the rain and "
	  "drove off. The carrier are a bunch of idiots. The posts "
	  "themselves look fine, thanks.", NULL },
	/* a gift the owner is said to have, beside thanks (recog22c) */
	{ true, "The house came home yesterday and the staircase is the "
	  "right way up. You have a real gift - thank you.", "gift" },
	{ true, "Die Uhr geht wieder auf die Minute. Sie haben wirklich ein "
	  "H\xc3\xa4ndchen f\xc3\xbcr alte Werke, vielen Dank!",
	  "ndchen" },
	{ true, "Mon gen\xc3\xa9vrier a fait des pousses partout. Vous avez "
	  "des doigts de f\xc3\xa9" "e, merci !", "doigts" },
	{ true, "Tienes un don para los caballos, muchas gracias. La yegua "
	  "ya se deja herrar.", "don" },
	/* ... the second person in Rioplatense Spanish, as a noun of praise */
	{ true, "Joaqu\xc3\xadn gan\xc3\xb3 el torneo. Sos un genio para "
	  "ense\xc3\xb1" "ar, gracias.", "genio" },
	/* ... not a noun that goes on, not anybody else's, not asked, not
	 * over a fault */
	{ false, "You have a gift voucher of mine from last year, thank "
	  "you.", NULL },
	{ false, "My daughter has a real gift for it, thank you.", NULL },
	{ false, "Tiene un don para las plantas, gracias.", NULL },
	{ false, "Do you have a gift for this sort of thing? Thanks.", NULL },
	{ false, "You have a real talent for it, thanks. The lid has cracked "
	  "again.", NULL },
	/* praise beside the trouble of somebody the mail introduces stays;
	 * not when that paragraph faults the owner's work (recog22c) */
	{ true, "The house came home yesterday. You're a star - thank "
	  "you.\r\n\r\nI've copied in my sister-in-law, Tessa Crane. "
	  "She has an old house whose roof has cracked, and I told her "
	  "she needs to talk to you.", "star" },
	{ true, "The house came home yesterday, you're a star - thank you."
	  "\r\n\r\nI've given your number to my sister-in-law. She has an "
	  "old house whose roof has cracked, and I told her to ring you.",
	  "star" },
	{ true, "Das Haus ist gestern heimgekommen, Sie sind ein Schatz - "
	  "vielen Dank!\r\n\r\nIch habe Ihre Nummer an meine Schw\xc3\xa4gerin "
	  "weitergegeben. Das Dach von Annas Haus ist gerissen, und ich "
	  "habe ihr gesagt, sie soll Sie anrufen.", "Schatz" },
	{ false, "You have a real gift, thank you.\r\n\r\nI've copied in "
	  "my neighbour Tom, because the fence you put up has cracked "
	  "again.", NULL },
	/* a word of the owner's gift or manner, or the master of a craft,
	 * in the noun phrase "you're a" opens; the sender's own "never"
	 * is no fault (recog27c) */
	{ true, "Thank you for Saturday's class, you're a gifted teacher "
	  "and the bowl is on our table now.", "gifted" },
	{ true, "Thanks for the course. I'd never started a lathe before, "
	  "and you're a very patient instructor.", "patient" },
	{ true, "Thank you for the class, you're a skilled teacher. We'd "
	  "never started a lathe before.", "skilled" },
	{ true, "Vielen Dank f\xc3\xbcr den Kurs, Sie sind eine sehr "
	  "geduldige Lehrerin.", "geduldige" },
	{ true, "Merci pour l'atelier, vous \xc3\xaates un formateur "
	  "tr\xc3\xa8s talentueux.", "talentueux" },
	{ true, "Gracias por el curso, eres una profesora muy paciente.",
	  "paciente" },
	{ true, "Herzlichen Dank, Sie sind eine Meisterin Ihres Handwerks.",
	  "Meisterin" },
	{ true, "Thank you, you are a master of your craft.", "master" },
	/* ... said of another, asked, a sneer, or beside the owner's own
	 * fault */
	{ false, "Thanks. My daughter is a very patient teacher.", NULL },
	{ false, "Thanks. You're a talented teacher?", NULL },
	{ false, "Thanks, you're a master of excuses.", NULL },
	{ false, "Thanks. You never finished the shelves, you're a "
	  "talented talker.", NULL },
	{ false, "You're a very patient teacher, thanks. The table you made "
	  "has cracked.", NULL },
	/* thanks after an account typed long on a phone */
	{ true, "took it out with the kids yesterday and it didnt flap "
	  "once, they were steering it on their own by the end. "
	  "thankyouuu", NULL },
	{ true, "lukas, die kids haben die paddel am see ausprobiert und "
	  "sind ohne pause bis zur insel und zur\xc3\xbc" "ck gekommen. "
	  "dankeee", NULL },
	/* what the sender expects or demands is no praise (recog29,
	 * classify_hoped.c); praise by surprise or thanks still is */
	{ false, "F\xc3\xbcr 3.200 \xe2\x82\xac erwarte ich saubere Arbeit "
	  "und eine Kanzel, die gerade steht.", NULL },
	{ false, "For that money I expect excellent work, not a patch-up.",
	  NULL },
	{ false, "Pour ce prix, j'attends un travail impeccable.", NULL },
	{ false, "Por ese precio exijo un trabajo impecable.", NULL },
	{ true, "Ich habe nicht erwartet, dass es so sauber wird: eine "
	  "saubere Arbeit, danke.", NULL },
	{ true, "The bench is back in the garden. Excellent work, just what "
	  "I expect from you, thank you.", NULL },
};

START_TEST(acclaim)
{
	char *ev = tl_reply_praise(cfg, rules, cases[_i].body);

	ck_assert_msg((ev != NULL) == cases[_i].praise, "case %d: praise %s "
	    "(%s)", _i, ev ? "given" : "missing", cases[_i].body);
	if (cases[_i].why != NULL)
		ck_assert_msg(strcasestr(ev, cases[_i].why) != NULL,
		    "case %d: evidence '%s' lacks '%s'", _i, ev, cases[_i].why);
	free(ev);
}
END_TEST

TL_SUITE_AROUND(classify_acclaim, setup, teardown, 0, acclaim,
    TL_LOOPS(cases))
