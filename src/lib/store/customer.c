/*
 * customer - freeing what the store hands out about customers.
 *
 * What it is for: customer_clear, customer_list_free and
 * customer_detail_free (customer.h), so that code holding a customer frees
 * it without the store.
 *
 * What it owns: nothing; it frees what the structs own.
 *
 * What it never does: touch a database, or allocate.
 */
#include <stdlib.h>
#include <string.h>

#include "store/customer.h"

/* customer_clear - free what c holds and zero it; the struct stays the caller's */
void
customer_clear(struct customer *c)
{
	if (c == NULL)
		return;
	free(c->email);
	free(c->name);
	free(c->category);
	free(c->referred_by);
	strvec_free(&c->tags);
	strvec_free(&c->reasons);
	memset(c, 0, sizeof(*c));
}

/* customer_list_free - every customer and the array; the list is left empty */
void
customer_list_free(struct customer_list *l)
{
	if (l == NULL)
		return;
	for (size_t i = 0; i < l->n; i++)
		customer_clear(&l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

/* customer_detail_free - everything store_show returned; accepts NULL */
void
customer_detail_free(struct customer_detail *d)
{
	if (d == NULL)
		return;
	customer_clear(&d->c);
	strvec_free(&d->addresses);
	for (size_t i = 0; i < d->nev; i++) {
		free(d->ev[i].kind);
		free(d->ev[i].label);
		free(d->ev[i].text);
		free(d->ev[i].how);
	}
	free(d->ev);
	strvec_free(&d->referred);
	for (size_t i = 0; i < d->nannounced; i++) {
		free(d->announced[i].name);
		free(d->announced[i].subject);
		free(d->announced[i].evidence);
	}
	free(d->announced);
	free(d->code);
	free(d->company);
	for (size_t i = 0; i < d->nnotes; i++)
		free(d->notes[i].text);
	free(d->notes);
	for (size_t i = 0; i < d->nhist; i++) {
		free(d->hist[i].direction);
		free(d->hist[i].subject);
		free(d->hist[i].facts);
	}
	free(d->hist);
	free(d);
}
