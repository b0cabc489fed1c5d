/*
 * store_digest.h - the store's side of the owner's reports: gathering a
 * digest window, and exporting / importing everything it knows.
 *
 * Kept apart from store.h so the pipeline's interface stays narrow; a
 * second backend implements these too.
 */
#ifndef CLIENTELE_STORE_DIGEST_H
#define CLIENTELE_STORE_DIGEST_H

#include <stdio.h>
#include <time.h>

#include "clientele/digest.h"
#include "clientele/store.h"

/* store_digest_data - what happened in [since, until) and the standing picture */
int store_digest_data(struct store *s, time_t since, time_t until,
    struct digest_data *d, struct err *e);

enum export_format { EXPORT_JSON, EXPORT_CSV };

/* store_export - everything the store knows, written to out */
int store_export(struct store *s, enum export_format fmt, FILE *out,
    struct err *e);
/*
 * store_import - read an export (JSON) into an empty store, in one
 * transaction: nothing is written unless all of it is good.
 */
int store_import(struct store *s, const char *text, size_t len,
    size_t *ncustomers, struct err *e);

#endif
