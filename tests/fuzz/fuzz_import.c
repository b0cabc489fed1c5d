/*
 * fuzz_import - libFuzzer target over `clientele import`.
 *
 * Every input is an export file: it is imported into an empty store
 * (inside a transaction rolled back after each input, so the store stays
 * empty and fast).  What import accepts must be what an export could have
 * written: when it succeeds, the store is exported again and that export
 * must be valid UTF-8 and parse as JSON; the import must never crash,
 * leak or trip a sanitizer, whatever it refuses.  Built and run by
 * tests/fuzz/run.sh, seeded with tests/fixtures/import/.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/json.h"
#include "store/store.h"
#include "store/store_digest.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct store *store;
static char db_path[64];

static void
remove_db(void)
{
	char p[80];

	store_close(store);
	unlink(db_path);
	snprintf(p, sizeof(p), "%s-wal", db_path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", db_path);
	unlink(p);
}

static void
open_store(void)
{
	struct err e;
	int fd;

	snprintf(db_path, sizeof(db_path), "/tmp/clientele-fuzz-XXXXXX");
	if ((fd = mkstemp(db_path)) < 0)
		abort();
	close(fd);
	store = store_open(db_path, NULL, STORE_CREATE | STORE_BULK, &e);
	if (store == NULL) {
		fprintf(stderr, "fuzz_import: %s\n", e.msg);
		abort();
	}
	atexit(remove_db);
}

/* export_check - what an accepted import exports again is JSON, UTF-8 */
static void
export_check(void)
{
	char *text = NULL;
	size_t len = 0;
	struct json *j;
	struct err e;
	FILE *fp = open_memstream(&text, &len);

	if (fp == NULL)
		abort();
	if (store_export(store, EXPORT_JSON, fp, &e) < 0) {
		fprintf(stderr, "fuzz_import: export after import: %s\n", e.msg);
		abort();
	}
	fclose(fp);
	if (!utf8_valid(text, len) || (j = json_parse(text, len, &e)) == NULL) {
		fprintf(stderr, "fuzz_import: the export is not UTF-8 JSON\n");
		abort();
	}
	json_free(j);
	free(text);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct err e;
	size_t n;

	if (store == NULL)
		open_store();
	/* an outer transaction: the import runs in a savepoint inside it */
	if (store_begin(store, &e) < 0)
		abort();
	if (store_import(store, (const char *)data, size, &n, &e) == 0)
		export_check();
	store_rollback(store);
	return 0;
}
