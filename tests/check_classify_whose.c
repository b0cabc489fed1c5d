/*
 * check_classify_whose - whose judgement a tag phrase is, by structure,
 * with the shipped rules (round twenty-one): a discount that is the
 * object of thanks or of acceptance is the owner's offer taken up, no
 * haggling (classify_taken.c); praise of somebody named by a place or a
 * person tied on, who did the work, is theirs (classify_placed.c); in
 * mail that puts off the sender's own payment, what the sender admits or
 * says of the owner's bill is their own lateness (classify_blame.c).
 * Session ten: an insult at the sender themself or at a utility, praise
 * that somebody else called the owner, a price judged inside somebody
 * else's quoted words (classify_target.c, classify_near.c).  Session
 * eleven: a defect the owner's work found (classify_found.c), thanks in
 * mail owning up to a late payment (classify_results.c), a bill put off
 * weeks or months ahead (classify_defer.c); a party named after the
 * judgement or in a content clause (classify_party.c), the owner
 * cleared, hearsay, doubt and the owner's man finding a defect
 * (recog24a); a past supplier the sender had, and the one the sender
 * took the thing to (recog25a).  Session twelve: a swear word aimed at
 * nothing of the owner's (classify_swear.c); whom a judgement's clause is
 * about, past its asides, and whom it is given to (classify_about.c); an
 * insult word naming a thing of the sender's (classify_thing.c); damage
 * the sender did, told to ask for a repair (classify_deed.c); a judgement
 * in a relative clause about somebody of the sender's.  Session
 * thirteen: a rude word said of the third person a sentence opens on
 * (classify_theirs.c); the owner's skill belittled (classify_scorn.c);
 * a group of other people, the sender's own slip, a bill dared, a part of
 * the sender's own thing (classify_plain.c), a collective before a thing
 * (classify_thing.c).
 * Each with the traps that must still tag.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "classify/classify.h"
#include "classify/rules.h"
#include "mail/config.h"
#include "mail/message.h"
#include "testlib.h"

TL_OWNER_FIXTURE

struct whose_case {
	const char *subject;	/* of the reply; "Invoice ..." makes a bill's
				 * thread */
	const char *body;
	const char *tag;	/* the tag weighed */
	bool want;		/* the sender gets it */
};

/* the owner's discount thanked for or accepted; a discount asked for */
static const struct whose_case taken[] = {
	{ "Figuras", "Muchas gracias por la rebaja, Rosa. Adelante con el "
	  "pedido.", "haggler", false },
	{ "Angebot", "Vielen Dank f\xc3\xbcr den gro\xc3\x9f" "z\xc3\xbcgigen "
	  "Nachlass, wir nehmen das Angebot an.", "haggler", false },
	{ "Devis", "Nous acceptons volontiers votre prix sp\xc3\xa9" "cial.",
	  "haggler", false },
	{ "Quote", "We accept your special price; please go ahead.",
	  "haggler", false },
	{ "Angebot", "Den Rabatt nehmen wir gerne an.", "haggler", false },
	{ "Quote", "The discount is much appreciated.", "haggler", false },
	/* traps: asked for, in advance, indefinite, a question, a contrast */
	{ "Quote", "Thanks in advance for your best price.", "haggler", true },
	{ "Quote", "I'd accept a discount of ten percent.", "haggler", true },
	{ "Quote", "Would you accept the cash price?", "haggler", true },
	{ "Presupuesto", "Gracias por el presupuesto, pero es demasiado caro.",
	  "haggler", true },
	{ "Quote", "Thanks for any discount you can give.", "haggler", true },
};

/* praise of one known by a place or person who did the work */
static const struct whose_case placed[] = {
	{ "Sofa", "By the way, the upholsterer in Hove did a lovely job on "
	  "my aunt's sofa.", "praise", false },
	{ "Sofa", "Der Polsterer aus Giesing hat hervorragende Arbeit "
	  "geleistet.", "praise", false },
	{ "Sillas", "El tapicero de Triana hizo un trabajo estupendo con las "
	  "sillas.", "praise", false },
	{ "Locomotive", "Pour info, le brocanteur de Vanves a fait un travail "
	  "remarquable sur ma locomotive.", "praise", false },
	/* traps: the owner's work at a place, a crew, "you" beside it */
	{ "Bench", "The bench at St Mary's looks wonderful, thank you!",
	  "praise", true },
	{ "Roof", "The lads from Hove did a brilliant job.", "praise", true },
	{ "Stairs", "The joiner in Hove did a brilliant job, and so did you.",
	  "praise", true },
};

/* an own payment put off: what is admitted, or told of the bill */
static const struct whose_case owned[] = {
	{ "Invoice 4471", "Apologies for the delay. We can only pay at the "
	  "end of next month. I know that isn't what we agreed.",
	  "complaint", false },
	{ "Facture 4471", "D\xc3\xa9sol\xc3\xa9, je sais que votre facture "
	  "est toujours en attente. Je paierai fin juin.", "complaint",
	  false },
	/* traps: a breach not admitted, or with a contrast after it */
	{ "Invoice 4471", "The fence isn't what we agreed, so we'll pay at "
	  "the end of next month once it's put right.", "complaint", true },
	{ "Invoice 4471", "We can only pay at the end of next month. That "
	  "isn't what we agreed, but the fence isn't what we agreed "
	  "either.", "complaint", true },
};

/* a bill put off by a span of weeks or months ahead, or paid before it
 * is due (session eleven) */
static const struct whose_case ahead[] = {
	{ "Factura 88", "La pagaremos cuando llegue la subvenci\xc3\xb3n, "
	  "dentro de dos o tres meses.", "slow-payer", true },
	{ "Invoice 88", "We will pay it in three months.", "slow-payer",
	  true },
	{ "Rechnung 88", "Wir zahlen die Rechnung in zwei bis drei Monaten.",
	  "slow-payer", true },
	{ "Facture 88", "Nous r\xc3\xa9glerons la facture dans deux ou trois "
	  "mois.", "slow-payer", true },
	/* traps: a term kept, days of terms, a span for the work */
	{ "Invoice 88", "Paid within two weeks, as agreed.", "slow-payer",
	  false },
	{ "Invoice 88", "Thanks for the invoice. The hedge will need cutting "
	  "again in two or three months.", "slow-payer", false },
	{ "Factura 88", "Gracias por la factura. Volveremos a llamarle dentro "
	  "de unos meses para las otras butacas.", "slow-payer", false },
	/* a payment put before its due point is on time */
	{ "Invoice 88", "Paid your invoice today, a week before it's due, as "
	  "I'm away next week.", "slow-payer", false },
	{ "Rechnung 88", "Ich habe die Rechnung heute beglichen, eine Woche "
	  "bevor sie f\xc3\xa4llig ist, da ich n\xc3\xa4" "chste Woche weg "
	  "bin.", "slow-payer", false },
	{ "Facture 88", "J'ai r\xc3\xa9gl\xc3\xa9 la facture aujourd'hui, "
	  "avant qu'elle soit due, car je pars la semaine prochaine.",
	  "slow-payer", false },
	{ "Factura 88", "He pagado la factura hoy, antes de que venza, porque "
	  "la semana que viene no estoy.", "slow-payer", false },
	/* trap: the due point passed, the payment put after it */
	{ "Invoice 88", "The invoice was due last week; I can only pay it "
	  "next month.", "slow-payer", true },
};

/* an insult, praise or price whose speaker or target is not the owner's
 * counterpart (session ten) */
static const struct whose_case aimed[] = {
	{ "Puzzle", "I am hopeless with computers, so if the photo has come "
	  "through sideways that is entirely my own fault, not yours.", "rude",
	  false },
	{ "Puzzle", "Someone on our village group called you \"a genius "
	  "with a scroll saw\", so no pressure!", "praise", false },
	{ "Wartung", "Mein Mann meint \xc3\xbc" "brigens: \xe2\x80\x9e" "Das "
	  "ist viel zu teuer, handel den n\xc3\xa4" "chstes Mal runter!"
	  "\xe2\x80\x9c \xe2\x80\x93 aber ich finde Ihren Preis absolut "
	  "fair, und wir bleiben bei Ihnen.", "haggler", false },
	{ "Lights", "Sorry if I'm slow replying - the power company cut us "
	  "off for three hours on Tuesday. Useless lot.", "rude", false },
	/* traps: the owner the target, the sender's own words */
	{ "Puzzle", "You are hopeless.", "rude", true },
	{ "Puzzle", "I am sure of one thing: you are hopeless.", "rude",
	  true },
	{ "Wartung", "Das ist viel zu teuer, geht es mit dem Preis nicht "
	  "runter?", "haggler", true },
	{ "Lights", "Your men cut through our cable on Tuesday. Useless lot.",
	  "rude", true },
};

/* a swear word aimed at nothing of the owner's: the rain, the car, the
 * traffic (session twelve, classify_swear.c) */
static const struct whose_case swore[] = {
	{ "Gutter", "Sorry for the delay, the shitty weather has kept me "
	  "indoors all week.", "rude", false },
	{ "Termin", "So eine Schei\xc3\x9f" "e, das Auto ist heute "
	  "fr\xc3\xbch wieder nicht angesprungen, deshalb komme ich erst "
	  "morgen.", "rude", false },
	{ "Rendez-vous", "Putain de bouchons sur le p\xc3\xa9riph\xc3\xa9rique "
	  "ce matin, je serai l\xc3\xa0 vers dix heures.", "rude", false },
	{ "Cita", "Qu\xc3\xa9 mierda de tr\xc3\xa1" "fico esta "
	  "ma\xc3\xb1" "ana, llegar\xc3\xa9 a las diez.", "rude", false },
	/* traps: the swearing speaks to the owner or names their job */
	{ "Gutter", "The gutter you fitted is bloody useless.", "rude",
	  true },
	{ "Termin", "Sie haben mir verdammt noch mal Schrott eingebaut.",
	  "rude", true },
	{ "Rendez-vous", "Putain, vous avez encore rat\xc3\xa9 la soudure.",
	  "rude", true },
	{ "Cita", "Joder, \xc2\xbfusted sabe lo que hace?", "rude", true },
	{ "Gutter", "Useless lot, the whole crew of you.", "rude", true },
};

/* a rude word said of the noun group its sentence opens on, a third
 * person, in a sentence naming nothing of the owner (recog29,
 * classify_theirs.c) */
static const struct whose_case theirs[] = {
	{ "Mower", "The garden centre I bought it from were useless when I "
	  "rang them, they just told me to buy a new one.", "rude", false },
	{ "Floor", "The last firm who sealed it two years ago left it "
	  "blotchy and slippery, complete cowboys, so I'd like it done "
	  "properly this time.", "rude", false },
	{ "Paket", "Der Kurierfahrer, den ich gebucht hatte, war ein "
	  "Vollidiot.", "rude", false },
	{ "Fuite", "Le plombier que j'avais appel\xc3\xa9 \xc3\xa9tait un "
	  "abruti.", "rude", false },
	{ "Fuga", "El fontanero que llam\xc3\xa9 es un "
	  "sinverg\xc3\xbc" "enza.", "rude", false },
	/* traps: the sentence names the owner, its noun group is empty or
	 * the owner's service */
	{ "Floor", "The lads you sent are cowboys.", "rude", true },
	{ "Floor", "This is a joke, absolute cowboys.", "rude", true },
	{ "Draft", "the second draft was useless. Fix it by Friday.", "rude",
	  true },
	{ "Floor", "The service was a joke, cowboys the lot of them.", "rude",
	  true },
	{ "Paket", "Das ist eine Frechheit, Sie Vollidiot.", "rude", true },
	{ "Fuite", "Le travail est minable, bande d'abrutis.", "rude",
	  true },
	{ "Fuga", "El fontanero que usted mand\xc3\xb3 es un "
	  "sinverg\xc3\xbc" "enza.", "rude", true },
	/* any judgement of somebody the sender engaged or bought from
	 * elsewhere, a former one, a named person of the sender's */
	{ "Kerzen", "Die Taufkerze, die wir f\xc3\xbcr die Enkelin im "
	  "Baumarkt gekauft hatten, war eine Katastrophe, sie hat "
	  "f\xc3\xbcrchterlich getropft und geru\xc3\x9ft.", "complaint",
	  false },
	{ "Dach", "\xc3\x84rgerlich ist nur, dass der Dachdecker, der 2019 "
	  "die Abdichtung gemacht hat, offenbar gepfuscht hat: Am Rand "
	  "tropft es jetzt in die Garage.", "complaint", false },
	{ "Fuga", "El fontanero que contrat\xc3\xa9 el a\xc3\xb1o pasado "
	  "hizo una chapuza.", "complaint", false },
	{ "Garten", "Sonst geht es uns gut, unser G\xc3\xa4rtner Herr Kuhn "
	  "hat den ganzen Garten neu angelegt \xe2\x80\x93 hervorragende "
	  "Arbeit, den kann ich jedem empfehlen.", "praise", false },
	/* traps: the noun group names the owner */
	{ "Table", "The table I bought from you arrived scratched.",
	  "complaint", true },
	{ "Fuga", "El fontanero que me mandaste hizo una "
	  "chapuza.", "complaint", true },
};

/* an insult word naming a thing the sender owns or asks to have mended
 * (session twelve, classify_thing.c) */
static const struct whose_case thing[] = {
	{ "Automate", "J'ai un petit clown musicien \xc3\xa0 manivelle dont "
	  "le bras gauche ne bouge plus.", "rude", false },
	{ "Automaton", "My clown automaton has stopped waving its hat.",
	  "rude", false },
	{ "Spieluhr", "Ich habe einen alten Clown aus Blech, dessen Arm "
	  "klemmt.", "rude", false },
	{ "Spieluhr", "K\xc3\xb6nnen Sie den Clown reparieren?", "rude",
	  false },
	{ "Juguete", "Tengo un payaso de cuerda que ya no se mueve.", "rude",
	  false },
	{ "Automaton", "Could you repair the clown before Christmas?", "rude",
	  false },
	/* traps: said of somebody */
	{ "Automate", "Vous \xc3\xaates un clown.", "rude", true },
	{ "Automaton", "What a clown. Two weeks and no answer.", "rude",
	  true },
	{ "Spieluhr", "Sie Clown! Nie wieder.", "rude", true },
	{ "Juguete", "Es usted un payaso.", "rude", true },
	{ "Automaton", "I have a feeling you clowns never read my mail.",
	  "rude", true },
	{ "Juguete", "Tengo a un payaso por restaurador, usted.", "rude",
	  true },
	{ "Automaton", "You broke my music box, you clown.", "rude",
	  true },
};

/* a defect the owner's work found in the sender's things; thanks closing
 * mail that puts off the sender's own payment (session eleven) */
static const struct whose_case found[] = {
	{ "EPI", "Le rapport est clair, et vous avez rep\xc3\xa9r\xc3\xa9 "
	  "deux mousquetons fatigu\xc3\xa9s et une corde ab\xc3\xaem\xc3\xa9" "e "
	  "que personne n'avait vus.", "complaint", false },
	{ "Wartung", "Sie haben zwei besch\xc3\xa4" "digte Gurte entdeckt.",
	  "complaint", false },
	{ "Revisi\xc3\xb3n", "Ha detectado una fuga y un tubo roto.",
	  "complaint", false },
	{ "Facture", "Je suis d\xc3\xa9sol\xc3\xa9 pour ce retard. Le mandat "
	  "n'a pas pu \xc3\xaatre \xc3\xa9mis avant la fermeture de la "
	  "tr\xc3\xa9sorerie et il ne partira pas avant la fin septembre. "
	  "Je vous remercie de votre patience.", "praise", false },
	/* traps: the owner did the damage, or missed it; thanks for work */
	{ "EPI", "Vous avez ab\xc3\xaem\xc3\xa9 la corde.", "complaint", true },
	{ "EPI", "Vous n'avez pas remarqu\xc3\xa9 la corde ab\xc3\xaem\xc3\xa9" "e.",
	  "complaint", true },
	{ "Wartung", "Sie haben die T\xc3\xbcr besch\xc3\xa4" "digt.",
	  "complaint", true },
	{ "Wartung", "Sie haben nicht bemerkt, dass die Scheibe "
	  "besch\xc3\xa4" "digt ist.", "complaint", true },
	{ "Facture", "La signal\xc3\xa9tique est pos\xc3\xa9" "e depuis "
	  "lundi et les visiteurs la trouvent tr\xc3\xa8s lisible au "
	  "toucher. Je vous remercie de votre travail.", "praise", true },
};

/* whose trouble, whose words: a party named after the judgement or in a
 * content clause, the owner cleared, a review dismissed by hearsay, a
 * fault the sender cannot tell, a defect the owner's man found
 * (session eleven, recog24a) */
static const struct whose_case party[] = {
	{ "Tuning", "Friday is fine. I just hope it sounds better than ever, "
	  "last year was a bit of a disaster with the old tuner.",
	  "complaint", false },
	{ "Se\xc3\xb1" "al", "Te escribo para avisarte de que el banco me ha "
	  "devuelto la transferencia por un error suyo.", "complaint", false },
	{ "Spikes", "I'm writing to let you know that the courier was a "
	  "disaster.", "complaint", false },
	{ "Suelo", "La empresa de mudanzas ray\xc3\xb3 el pasillo. Un "
	  "desastre, pero eso no tiene nada que ver con ustedes.",
	  "complaint", false },
	{ "Boden", "Hallo Herr Brandl, danke f\xc3\xbcr Ihre Antwort. Der "
	  "Flur ist zerkratzt, aber das hat nichts mit Ihnen zu tun.",
	  "complaint", false },
	{ "Stairlift", "Hello Gareth, I must admit I looked you up first and "
	  "one review on a website said \"Gareth was rubbish, never turned "
	  "up\" but Joan says that's nonsense, so here I am.", "rude",
	  false },
	{ "Heizung", "Ich wei\xc3\x9f nicht, ob die Heizung kaputt ist oder "
	  "das Thermostat.", "complaint", false },
	{ "K\xc3\xbchlzelle", "Ihr Herr Kastner war super, hat den defekten "
	  "L\xc3\xbc" "fter gleich gefunden und getauscht.", "complaint",
	  false },
	{ "Lamp", "Hi Ann, the delivery was a disaster. The driver threw "
	  "the box over the gate. Not your fault, of course.", "complaint",
	  false },
	{ "Lamp", "Hi Ann, the delivery was a disaster. The driver threw "
	  "the box over the gate. Your side was fine.", "complaint", false },
	/* traps: cleared in another paragraph, the owner with the tie, in
	 * the content clause, spoken to in the doubt, the owner's word
	 * dismissed, a defect not found */
	{ "Fence", "Hi Ann, the fence you built is a disaster.\n\nThe "
	  "courier also lost my parcel. Not your fault, of course.",
	  "complaint", true },
	{ "Tuning", "Last year was a disaster with the old piano you "
	  "restored.", "complaint", true },
	{ "Tap", "I'm writing to let you know that your fitter did a "
	  "terrible job on the tap.", "complaint", true },
	{ "Fliesen", "Ich wei\xc3\x9f nicht, ob Ihnen klar ist, dass Ihre "
	  "Arbeit eine Katastrophe ist.", "complaint", true },
	{ "Stairlift", "You told me it was fixed, that's nonsense.", "rude",
	  true },
	{ "K\xc3\xbchlzelle", "Ihr Herr Kastner war da, hat den defekten "
	  "L\xc3\xbc" "fter aber nicht gefunden.", "complaint", true },
};

/* a past supplier the sentence opens on, the sender's own having of it
 * told in a relative clause (session eleven, recog25a) */
static const struct whose_case had[] = {
	{ "Biscuit", "Jess, you did a brilliant job with Biscuit. The last "
	  "farrier we had was a total cowboy, left his heels long and never "
	  "turned up on time.", "complaint", false },
	{ "Biscuit", "The farrier we had before never turned up on time.",
	  "complaint", false },
	{ "Hufe", "Der Schmied, den wir vorher hatten, war eine absolute "
	  "Katastrophe.", "complaint", false },
	{ "Sabots", "Le mar\xc3\xa9" "chal qu'on avait avant a fait un "
	  "travail lamentable.", "complaint", false },
	{ "Sabots", "Le mar\xc3\xa9" "chal qu'on avait avant a fait un "
	  "travail lamentable.", "rude", false },
	{ "Herraduras", "El herrador que ten\xc3\xad" "amos antes nos hizo una "
	  "chapuza.", "complaint", false },
	/* traps: the owner's work had done, the owner named in the
	 * sentence, no formerness */
	{ "Biscuit", "The last shoes we had fitted came loose after a week.",
	  "complaint", true },
	{ "Biscuit", "The last farrier we had was you and you never turned "
	  "up on time.", "complaint", true },
	{ "Biscuit", "The shoes we had were a disaster, they came loose "
	  "after a week.", "complaint", true },
};

/* the one the sender took the thing to, named with the indefinite
 * article as the sentence opens (session eleven, recog25a) */
static const struct whose_case taken_to[] = {
	{ "Barometer", "I took it to a shop in Harrogate two years ago and "
	  "they made a right mess of it: the hand now just sits at Fair and "
	  "the glass is scratched where they prised the bezel off.",
	  "complaint", false },
	{ "Horloge", "Je l'ai port\xc3\xa9 chez un horloger il y a deux ans "
	  "et il a tout b\xc3\xa2" "cl\xc3\xa9.", "complaint", false },
	{ "Reloj", "Lo llev\xc3\xa9 a una tienda hace dos a\xc3\xb1os y me lo "
	  "dejaron hecho un desastre.", "complaint", false },
	/* traps: the owner's work named in it, a place that is no
	 * indefinite party, "à un" with no verb of taking */
	{ "Barometer", "I took it to a friend and the glass you fitted is "
	  "scratched.", "complaint", true },
	{ "Barometer", "I took it home two years ago and the glass is "
	  "scratched where the bezel was prised off.", "complaint", true },
	{ "Couteau", "Je suis d\xc3\xa9\xc3\xa7u : pour 280 \xe2\x82\xac je "
	  "m'attendais \xc3\xa0 un travail plus solide.", "complaint", true },
};

/* whom the judgement's own clause is about: its subject past an aside
 * (a bracket, a connective between commas) or a former one who did the
 * work, a cheer or complaint given "to them", the owner cleared before
 * the contrast (session twelve, recog27a) */
static const struct whose_case about[] = {
	{ "Order", "The courier I booked, on the other hand, was useless and "
	  "left the box in the rain (luckily you had wrapped it "
	  "well).",
	  "complaint", false },
	{ "Order", "The courier I booked, on the other hand, was useless and "
	  "left the box in the rain (luckily you had wrapped it "
	  "well).",
	  "rude", false },
	{ "Order", "Le transporteur, en revanche, a \xc3\xa9t\xc3\xa9 "
	  "lamentable (heureusement vous aviez bien emball\xc3\xa9).",
	  "complaint", false },
	{ "Order", "La agencia de transporte, en cambio, fue un desastre "
	  "(menos mal que usted lo embal\xc3\xb3 bien).",
	  "complaint", false },
	{ "Order", "Between you and me, the last man who touched this trap "
	  "did a shocking job on the tyres.",
	  "complaint", false },
	{ "Order", "Entre nous, le dernier qui a touch\xc3\xa9 cette horloge "
	  "(vous le savez) a fait un travail lamentable.",
	  "complaint", false },
	{ "Order", "Chronopost a livr\xc3\xa9 le colis chez un voisin absent. "
	  "Bravo \xc3\xa0 eux...",
	  "praise", false },
	{ "Order", "The post office sent it to the wrong town. Well done to "
	  "them.",
	  "praise", false },
	{ "Order", "Ya he puesto una reclamaci\xc3\xb3n contra ellos.",
	  "complaint", false },
	{ "Order", "Ich habe mich schon bei ihnen beschwert.",
	  "complaint", false },
	{ "Order", "J'ai d\xc3\xa9j\xc3\xa0 fait une r\xc3\xa9" "clamation "
	  "aupr\xc3\xa8s d'eux.",
	  "complaint", false },
	{ "Order", "La cl\xc3\xa9 \xc3\xa9tait cass\xc3\xa9" "e dans le "
	  "carton, mais je n'ai aucun reproche \xc3\xa0 vous faire : "
	  "c'est le transporteur qui a jet\xc3\xa9 le colis.",
	  "complaint", false },
	/* traps: the owner's man behind the aside, "them" the owner's men,
	 * the clearing before a contrast, formerness of a thing, "Ihnen" */
	{ "Order", "Your fitter, on the other hand, was useless and left a "
	  "mess.",
	  "complaint", true },
	{ "Order", "Your men were brilliant, well done to them.",
	  "praise", true },
	{ "Order", "Je n'ai aucun reproche \xc3\xa0 vous faire sur l'accueil, "
	  "mais le travail est b\xc3\xa2" "cl\xc3\xa9.",
	  "complaint", true },
	{ "Order", "The last coat you put on is peeling already, useless.",
	  "complaint", true },
	{ "Order", "Ich habe mich bei Ihnen schon zweimal beschwert, und "
	  "nichts passiert.",
	  "complaint", true },
	{ "Order", "The courier was late, but the table you made is scratched.",
	  "complaint", true },
	{ "Order", "The fitter, on the other hand, was brilliant and you were "
	  "great too.",
	  "praise", true },
	{ "Order", "The last delivery was a shocking job, you need to do "
	  "better.",
	  "complaint", true },
	{ "Order", "Ich bin mit Ihnen unzufrieden, ich habe mich schon "
	  "beschwert.",
	  "complaint", true },
};

/* damage the sender did or suffered, told in a first mail to ask for a
 * repair: no complaint (classify_deed.c, recog28b) */
static const struct whose_case deed[] = {
	{ "Reparatur", "Guten Tag, ich habe bei einer Landung die Kufe "
	  "meines Seglers (3,2 m) besch\xc3\xa4" "digt. Reparieren Sie auch "
	  "fremde Modelle?", "complaint", false },
	{ "Repair", "Hello, we've damaged the rudder of our dinghy on a "
	  "rock. Repair work on other makes too?", "complaint", false },
	{ "R\xc3\xa9paration", "Bonjour, j'ai cass\xc3\xa9 le pied de ma "
	  "chaise. R\xc3\xa9paration des meubles anciens aussi ?",
	  "complaint", false },
	{ "Reparaci\xc3\xb3n", "Hola, he roto la quilla de mi tabla. "
	  "\xc2\xbfReparan tambi\xc3\xa9n tablas de otras marcas?",
	  "complaint", false },
	/* traps: the owner or the owner's man did it, the sender denies
	 * it, or only found it */
	{ "Reparatur", "Guten Tag, Ihr Monteur hat die T\xc3\xbcr "
	  "besch\xc3\xa4" "digt. Wer zahlt das?", "complaint", true },
	{ "Reparatur", "Guten Tag, ich habe die T\xc3\xbcr nicht "
	  "besch\xc3\xa4" "digt, sie war schon kaputt. Wer zahlt das?",
	  "complaint", true },
	{ "Repair", "Hello, I have found the frame broken. Who pays for "
	  "this?", "complaint", true },
	{ "R\xc3\xa9paration", "Bonjour, vous avez cass\xc3\xa9 le pied "
	  "de ma chaise. Qui paie ?", "complaint", true },
	{ "Reparaci\xc3\xb3n", "Hola, usted ha roto la quilla de mi "
	  "tabla. \xc2\xbfQui\xc3\xa9n paga esto?", "complaint", true },
};

/* a judgement in a relative clause about somebody of the sender's, in a
 * first mail: their trouble (classify_about.c, recog28b) */
static const struct whose_case own_person[] = {
	{ "Moles", "Passing on a note from our vicar, who has the same "
	  "problem.", "complaint", false },
	{ "Nachricht", "Anbei die Nachricht von unserem Pfarrer, der sehr "
	  "unzufrieden ist.", "complaint", false },
	{ "Message", "Je transf\xc3\xa8re le message de notre cur\xc3\xa9, "
	  "qui est tr\xc3\xa8s d\xc3\xa9\xc3\xa7u.", "complaint", false },
	{ "Mensaje", "Reenv\xc3\xado el mensaje de nuestro p\xc3\xa1rroco, "
	  "que est\xc3\xa1 muy decepcionado.", "complaint", false },
	/* traps: the relative clause speaks to the owner or names the job */
	{ "Moles", "Passing on a note from our vicar, who is really unhappy "
	  "with the gate you fitted.", "complaint", true },
	{ "Nachricht", "Anbei die Nachricht von unserem Pfarrer, der mit "
	  "Ihrer Arbeit sehr unzufrieden ist.", "complaint", true },
	{ "Message", "Je transf\xc3\xa8re le message de notre cur\xc3\xa9, "
	  "qui est tr\xc3\xa8s d\xc3\xa9\xc3\xa7u de votre travail.",
	  "complaint", true },
	{ "Mensaje", "Reenv\xc3\xado el mensaje de nuestro p\xc3\xa1rroco, "
	  "que est\xc3\xa1 muy decepcionado con su trabajo.", "complaint",
	  true },
};

/* the owner's skill belittled: contempt after an epithet, a novice who
 * would do better, a question whose lesser alternative is an insult
 * (classify_epithet.c, classify_scorn.c, recog29b); a walk-away with no
 * price is no haggling (classify_misread.c) */
static const struct whose_case scorned[] = {
	{ "Uhr", "Dann eben nicht. Sie sind ein arroganter Wichtigtuer, "
	  "such mir jemand Ordentlichen.", "rude", true },
	{ "Kilt", "Don't bother with the lining details. Frankly, you are a "
	  "pompous old windbag.", "rude", true },
	{ "Coupes", "Vous \xc3\xaates d'une lenteur affligeante, c'est du "
	  "m\xc3\xa9pris pour vos clients.", "rude", true },
	{ "Botellas", "Eres un engre\xc3\xad" "do, no pienso pagar "
	  "m\xc3\xa1s.", "rude", true },
	{ "Cups", "Half the engraving is crooked. Frankly it looks like a "
	  "child did it with a nail.", "rude", true },
	{ "Uhr", "Die Zeiger h\xc3\xa4ngen schief. Das sieht aus, als "
	  "h\xc3\xa4tte ein Lehrling es gemacht.", "rude", true },
	{ "Coupes", "Les pieds sont fendus et le vernis coule. Franchement, "
	  "un amateur ferait mieux.", "rude", true },
	{ "Botellas", "La mitad de las botellas tienen burbujas. Mi sobrino "
	  "de diez a\xc3\xb1os lo hace mejor con una pajita.", "rude",
	  true },
	{ "Cups", "Half the engraving is crooked. Are you an actual "
	  "pewterer or just some cowboy with a catalogue?", "rude", true },
	/* traps: a liking compared, the sender's own standard, thanks, a
	 * third party, words reported, no insult after "or just", the
	 * sender's own contempt for themself */
	{ "Lid", "The lid is cracked. My kids like the blue one better "
	  "though.", "rude", false },
	{ "Lid", "I'm a complete beginner, a child would do it better than "
	  "me. The lid is cracked.", "rude", false },
	{ "Lid", "The lid is cracked, thanks for swapping it. A child could "
	  "do it better than the courier.", "rude", false },
	{ "Lid", "The lid is cracked. The courier handled it so badly, a "
	  "toddler would do it better.", "rude", false },
	{ "Lid", "The lid is cracked. My neighbour said a child could do it "
	  "better.", "rude", false },
	{ "Lid", "The lid is cracked. Are you open on Saturday or just on "
	  "weekdays?", "rude", false },
	{ "Lid", "The lid is cracked. I am a pathetic typist, sorry for the "
	  "typos.", "rude", false },
	/* a walk-away in mail naming no price is no haggling */
	{ "Kilt", "Frankly, you are a pompous old windbag and I'll take my "
	  "business elsewhere.", "haggler", false },
	{ "Kilt", "Your price is a joke, I'll take my business elsewhere.",
	  "haggler", true },
};

/* complaints, rudeness and late payment that are none (recog30d): a
 * demonstrative group of people or a third-person recipient is a third
 * party; a collective before a thing is no contempt; outrage at a bill is
 * no late payment; the sender's own mistake or apology; the state of the
 * sender's own thing in a first mail */
static const struct whose_case plain[] = {
	{ "Vitrine", "Le transporteur est pass\xc3\xa9 hier. Une honte, "
	  "ces gens-l\xc3\xa0, je leur ai envoy\xc3\xa9 une "
	  "r\xc3\xa9" "clamation en recommand\xc3\xa9.", "complaint", false },
	{ "Cabinet", "The courier came yesterday. A disgrace, those people, "
	  "I sent them a formal complaint by recorded post.", "complaint",
	  false },
	{ "Vitrine", "Der Kurier war gestern da. Eine Schande, diese Leute, "
	  "ich habe ihnen eine Beschwerde per Einschreiben geschickt.",
	  "complaint", false },
	{ "Vitrina", "El transportista vino ayer. Una verg\xc3\xbc" "enza, "
	  "esa gente, les he enviado una reclamaci\xc3\xb3n certificada.",
	  "complaint", false },
	{ "Chapeau", "Merci pour le chapeau. Vous pouvez ajouter une bande "
	  "de r\xc3\xa9" "duction ?", "rude", false },
	{ "Chapeau", "Merci pour le chapeau. Vous pouvez ajouter une bande "
	  "de r\xc3\xa9" "duction ?", "complaint", false },
	{ "Cups", "Also, I gave Priyanka the wrong date: the christening is "
	  "4 October not 4 November as I wrote on the form. My mistake "
	  "entirely, sorry! Can the cups still be done by then?",
	  "complaint", false },
	{ "Taufe", "Ich habe Frau Ko das falsche Datum gegeben: die Taufe "
	  "ist am 4. Oktober. Mein Fehler, Entschuldigung!", "complaint",
	  false },
	{ "Bapt\xc3\xaame", "J'ai donn\xc3\xa9 la mauvaise date \xc3\xa0 "
	  "Priyanka : le bapt\xc3\xaame est le 4 octobre. Ma faute, "
	  "d\xc3\xa9sol\xc3\xa9" "e !", "complaint", false },
	{ "Bautizo", "Le di la fecha equivocada a Priyanka: el bautizo es "
	  "el 4 de octubre. Culpa m\xc3\xad" "a, \xc2\xa1perd\xc3\xb3n!",
	  "complaint", false },
	{ "Re: Votre facture", "Le festival a \xc3\xa9t\xc3\xa9 un fiasco "
	  "\xc3\xa0 cause du retard de livraison et vous osez m'envoyer la "
	  "facture compl\xc3\xa8te ?", "slow-payer", false },
	{ "Re: Your invoice", "The festival was a fiasco because of the late "
	  "delivery and you dare send me the full invoice?", "slow-payer",
	  false },
	{ "Re: Ihre Rechnung", "Das Fest war ein Reinfall wegen der "
	  "versp\xc3\xa4teten Lieferung, und Sie wagen es, mir die volle "
	  "Rechnung zu schicken?", "slow-payer", false },
	{ "Re: Su factura", "La fiesta fue un desastre por el retraso de la "
	  "entrega, \xc2\xbfy se atreve a mandarme la factura completa?",
	  "slow-payer", false },
	/* traps */
	{ "Re: Votre facture", "D\xc3\xa9sol\xc3\xa9, je suis en retard "
	  "pour la facture, je la paierai le mois prochain.", "slow-payer",
	  true },
	{ "Cups", "Not my fault: you gave me the wrong date.", "complaint",
	  true },
	{ "Cabinet", "These people you sent were a disgrace.", "complaint",
	  true },
	{ "Chapeau", "Vous \xc3\xaates une bande de branquignols.",
	  "rude", true },
	{ "Cups", "You're a bunch of useless cowboys.", "rude", true },
	{ "Vitrine", "Une honte, je vous ai envoy\xc3\xa9 une "
	  "r\xc3\xa9" "clamation en recommand\xc3\xa9.", "complaint", true },
	{ "Cabinet", "A disgrace. Those people you sent broke the glass.",
	  "complaint", true },
	{ "Cups", "You gave me the wrong date on the form. Can the cups "
	  "still be done by then?", "complaint", true },
};

/* the same, in a first mail */
static const struct whose_case plain_first[] = {
	{ "L\xc3\xa1mparas", "Hola Tom\xc3\xa1s: Perdona que te escriba tan "
	  "tarde, entre la obra y los ni\xc3\xb1os no llego a nada. Quiero "
	  "seis l\xc3\xa1mparas. \xc2\xbfPrecio aproximado?", "complaint",
	  false },
	{ "Navaja", "Hola, tengo la navaja de mi abuelo. La hoja tiene "
	  "\xc3\xb3xido y el muelle ya no encaja bien. \xc2\xbfPodr\xc3\xad"
	  "a restaurarla?", "complaint", false },
	{ "Lamps", "Hello, sorry for writing so late, with the building work "
	  "and the kids I never get anything done. I'd like six lamps. "
	  "Rough price?", "complaint", false },
	{ "Lampen", "Hallo, entschuldige, dass ich so sp\xc3\xa4t schreibe, "
	  "zwischen Baustelle und Kindern komme ich zu nichts. Ich "
	  "h\xc3\xa4tte gern sechs Lampen. Preis?", "complaint", false },
	{ "Lampes", "Bonjour, d\xc3\xa9sol\xc3\xa9" "e de vous \xc3\xa9" "crire "
	  "si tard, entre les travaux et les enfants je n'arrive \xc3\xa0 "
	  "rien. Je voudrais six lampes. Prix ?", "complaint", false },
	/* trap: the apology turned by "but" */
	{ "Vase", "Hello, sorry for the long mail, but the vase you sent "
	  "arrived cracked. Can you replace it?", "complaint", true },
};

/* check_case - classify the case and assert whether the tag is given */
static void
check_case(const char *what, int n, const struct whose_case *k)
{
	char *ev = tl_reply_tag(cfg, rules, k->subject, k->body, k->tag);

	ck_assert_msg((ev != NULL) == k->want, "%s %d: %s %s (%s)", what, n,
	    k->tag, ev != NULL ? "given" : "missing", k->body);
	free(ev);
}

/* check_first - check_case on a first mail, not a reply */
static void
check_first(const char *what, int n, const struct whose_case *k)
{
	struct classify_known known = { .ctx = NULL, .is_customer = NULL };
	struct message *m = tl_pat_message(k->subject, false, k->body);
	struct facts *f = classify(m, NULL, cfg, rules, &known);
	bool given = false;

	ck_assert_ptr_nonnull(f);
	for (size_t i = 0; i < f->ntags; i++)
		given |= strcmp(f->tags[i].tag, k->tag) == 0 &&
		    strcmp(f->tags[i].email, "pat@example.net") == 0;
	ck_assert_msg(given == k->want, "%s %d: %s %s (%s)", what, n, k->tag,
	    given ? "given" : "missing", k->body);
	facts_free(f);
	message_free(m);
}

START_TEST(taken_up)
{
	check_case("taken", _i, &taken[_i]);
}
END_TEST

START_TEST(placed_doer)
{
	check_case("placed", _i, &placed[_i]);
}
END_TEST

START_TEST(owned_up)
{
	check_case("owned", _i, &owned[_i]);
}
END_TEST

START_TEST(found_by_owner)
{
	check_case("found", _i, &found[_i]);
}
END_TEST

START_TEST(whose_party)
{
	check_case("party", _i, &party[_i]);
}
END_TEST

START_TEST(whose_had)
{
	check_case("had", _i, &had[_i]);
}
END_TEST

START_TEST(whose_taken)
{
	check_case("taken_to", _i, &taken_to[_i]);
}
END_TEST

START_TEST(span_ahead)
{
	check_case("ahead", _i, &ahead[_i]);
}
END_TEST

START_TEST(about_whom)
{
	check_case("about", _i, &about[_i]);
}
END_TEST

START_TEST(swore_at_nothing)
{
	check_case("swore", _i, &swore[_i]);
}
END_TEST

START_TEST(theirs_named)
{
	check_case("theirs", _i, &theirs[_i]);
}
END_TEST

START_TEST(thing_named)
{
	check_case("thing", _i, &thing[_i]);
}
END_TEST

START_TEST(own_deed)
{
	check_first("deed", _i, &deed[_i]);
}
END_TEST

START_TEST(own_person_relative)
{
	check_first("own_person", _i, &own_person[_i]);
}
END_TEST

START_TEST(skill_scorned)
{
	check_case("scorned", _i, &scorned[_i]);
}
END_TEST

START_TEST(plain_none)
{
	check_case("plain", _i, &plain[_i]);
}
END_TEST

START_TEST(plain_none_first)
{
	check_first("plain_first", _i, &plain_first[_i]);
}
END_TEST

START_TEST(aimed_elsewhere)
{
	check_case("aimed", _i, &aimed[_i]);
}
END_TEST

TL_SUITE_AROUND(classify_whose, setup, teardown, 0, taken_up,
    TL_LOOPS(taken), placed_doer, TL_LOOPS(placed), owned_up,
    TL_LOOPS(owned), aimed_elsewhere, TL_LOOPS(aimed), found_by_owner,
    TL_LOOPS(found), whose_party, TL_LOOPS(party), whose_had,
    TL_LOOPS(had), whose_taken, TL_LOOPS(taken_to), span_ahead,
    TL_LOOPS(ahead), swore_at_nothing, TL_LOOPS(swore), about_whom,
    TL_LOOPS(about), thing_named, TL_LOOPS(thing), own_deed,
    TL_LOOPS(deed), own_person_relative, TL_LOOPS(own_person),
    theirs_named, TL_LOOPS(theirs), skill_scorned, TL_LOOPS(scorned), plain_none, TL_LOOPS(plain),
    plain_none_first, TL_LOOPS(plain_first))
