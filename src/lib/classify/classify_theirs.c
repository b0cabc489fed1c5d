/*
 * classify_theirs - a rude word said of the noun group its sentence opens on.
 *
 * DESCRIPTION
 *	An insult needs somebody to insult.  A sentence that opens on a noun
 *	group of its own, a determiner and at least one word before any
 *	verb of being or having ("The garden centre I bought it from were
 *	useless", "The last firm who sealed it left it blotchy, complete
 *	cowboys", "Der Kurier war ein Idiot", "Le livreur était un abruti",
 *	"El mensajero fue un maleducado"), and that names nothing of the
 *	owner anywhere ([aim]: "you", "Sie", "vous", "usted"; [aim work]:
 *	"the job you did"), calls that noun group names: its subject is a
 *	third person, not the reader.  The rude word there is not the
 *	sender's rudeness to the owner.
 *
 *	Not a sentence whose noun group is empty ("This is a joke", "Das
 *	ist eine Frechheit", "Esto es una vergüenza": what the mail is
 *	about, so the owner's), nor one whose noun group names the owner's
 *	service or work itself ("The service was a joke", "Die Arbeit ist
 *	Pfusch", "Le travail est minable", "El servicio es una vergüenza"),
 *	nor one the sender opens on himself: "I", "ich", "je" are no
 *	determiners.
 *
 * OWNS
 *	Nothing: it reads the words of one sentence and scans it for [aim].
 *
 * NEVER
 *	Adds or removes a tag; the caller drops the hit.
 */
#include <stdbool.h>
#include <stddef.h>

#include "util/strutil.h"
#include "classify_int.h"
#include "rules_int.h"
#include "tags_int.h"

#define NELEMS(a)	(sizeof(a) / sizeof((a)[0]))
#define THEIRS_WORDS	20	/* words of a noun group up to the rude word */

/* Determiners that open a noun group of the sentence's own subject (the
 * sender's "my", "our" too: "My last builder was a cowboy"). */
static const char *const dets[] = {
	"the", "this", "that", "these", "those", "my", "our",
	"der", "die", "das", "dieser", "diese", "dieses", "mein", "meine",
	"unser", "unsere",
	"le", "la", "les", "ce", "cet", "cette", "ces", "mon", "ma", "mes",
	"notre", "nos",
	"el", "los", "las", "este", "esta", "estos", "estas", "ese", "esa",
	"esos", "esas", "aquel", "aquella", "mi", "mis", "nuestro",
	"nuestra",
};

/* Verbs of being and having right after the determiner: the determiner
 * stands alone as a pronoun ("This is", "Das ist", "Die haben"). */
static const char *const verbs[] = {
	"is", "was", "are", "were", "has", "had", "have", "'s",
	"ist", "war", "sind", "waren", "hat", "hatte", "haben", "hatten",
	"est", "etait", "sont", "etaient", "a", "ont", "avait", "avaient",
	"es", "era", "fue", "son", "eran", "fueron", "ha", "han", "habia",
	"esta", "estaba", "estan", "estaban",
};

/* Nouns of the owner's service or work: a noun group holding one judges
 * what the owner did. */
static const char *const work[] = {
	"service", "work", "job", "workmanship", "result", "results",
	"quality", "finish", "price", "prices", "quote", "invoice", "bill",
	"repair", "delivery", "arbeit", "service", "leistung", "qualitat",
	"ergebnis", "preis", "angebot", "rechnung", "reparatur",
	"lieferung", "travail", "prestation", "qualite", "resultat", "prix",
	"devis", "facture", "reparation", "livraison", "trabajo",
	"servicio", "calidad", "resultado", "precio", "presupuesto",
	"factura", "reparacion", "entrega",
};

/*
 * opens_on_other - text[sb, to) opens on a noun group of its own: a
 * determiner, then a word that is no verb of being or having, and no
 * word of the owner's work up to `to`
 */
static bool
opens_on_other(const struct cl *c, size_t sb, size_t to)
{
	struct rules_word w;
	size_t p = sb;

	if (!rules_word_next(c->text, to, &p, &w) || w.overflow)
		return false;
	if (w.flen > 2 && w.folded[0] == 'l' && w.folded[1] == '\'') {
		/* "L'artisan était un incapable": the noun is in the word */
		if (str_in_list(work, NELEMS(work), w.folded + 2))
			return false;
	} else if (!rules_word_in(&w, dets, NELEMS(dets)) ||
	    !rules_word_next(c->text, to, &p, &w) || w.overflow ||
	    rules_word_in(&w, verbs, NELEMS(verbs))) {
		return false;	/* "This is", "Das ist" */
	}
	for (size_t n = 0; n < THEIRS_WORDS; n++) {
		if (rules_word_in(&w, work, NELEMS(work)))
			return false;	/* "The service was a joke" */
		if (!rules_word_next(c->text, to, &p, &w))
			return true;
		if (w.overflow)
			return false;
	}
	return false;	/* too far from its subject to tell */
}

bool
cl_rude_theirs(const struct cl *c, struct cl_span at)
{
	size_t sb, se;

	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	return opens_on_other(c, sb, at.start) &&
	    !cl_near_between(c, sb, se, "aim") &&
	    !cl_near_between(c, sb, se, "work");
}
