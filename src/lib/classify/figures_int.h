/*
 * figures_int.h - the figures of a mail, shared by classify_figures.c
 * (reading them) and classify_money.c (judging whether they haggle).
 */
#ifndef CLIENTELE_FIGURES_INT_H
#define CLIENTELE_FIGURES_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "classify_int.h"

#define MONEY_MAX_FIGURES 24	/* figures weighed per text */

/* A figure of the text. */
struct figure {
	struct cl_span at;
	unsigned long long cents;
	bool money;		/* a sign or unit, or a money word beside it */
	bool percent;
	bool proposed;		/* an [aim counter] phrase right before it */
	bool rival;		/* an [aim rival] phrase right before it */
	bool asked;		/* its sentence is a question */
	bool dealt;		/* an [aim deal] commitment follows it */
	bool said;		/* the owner's price of the mail answered
				 * unquoted (cl_owner_said) */
	bool off;		/* proposed as a cut: "knock fifty off" */
	bool replaced;		/* the figure a proposal replaces: "140
				 * instead of 165", "en lugar de 165" */
	bool more;		/* asked on top of another: "another 10%",
				 * "otro 10 % más", "10 % de plus" */
	size_t sb;		/* where its sentence starts */
};

/* The figures of the sender's text (v[0, n)) and of the quoted mail. */
struct figures {
	struct figure v[MONEY_MAX_FIGURES], q[MONEY_MAX_FIGURES];
	size_t n, nq;
	bool owes;		/* the mail puts a payment off */
};

/*
 * cl_figures - the figures of t[0, len), at most max, into v (own: the
 * sender's text, whose money words of a sentence count as a unit); how
 * many
 */
size_t cl_figures(const struct cl *c, const char *t, size_t len,
    struct figure *v, size_t max, bool own);
/* cl_figures_of - the figures of the text, and of the quote or the
 * owner's mail answered when the sender proposes one, into *fs */
void cl_figures_of(const struct cl *c, struct figures *fs);
/* cl_firm_after - an [aim firm] phrase opens within the words after the
 * figure ending at end (far: a longer reach), *late when past the first */
bool cl_firm_after(const struct cl *c, size_t end, bool far, bool *late);
/* cl_same_unit - figures a and b of t are followed by the same words */
bool cl_same_unit(const char *t, size_t len, struct cl_span a,
    struct cl_span b);

#endif
