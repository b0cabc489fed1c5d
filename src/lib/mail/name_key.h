/*
 * name_key.h - the comparable key of a person's full name, so that a name
 * mentioned in one message finds the person when they write later,
 * however either side wrote it.
 *
 * Pure: strings in, strings out.  A key is "first last", folded (case and
 * accents: find_fold) with titles ("Mrs", "Herr", "Mme", "Sra."),
 * initials, middle names and particles left out: "Dr. Ana Belén RUIZ",
 * "Ruiz, Ana" and "RUIZ Ana B." all give "ana ruiz".  A single word is no
 * full name and gives no key, so a bare first name never links anyone.
 */
#ifndef CLIENTELE_NAME_KEY_H
#define CLIENTELE_NAME_KEY_H

#include <stdbool.h>
#include <stddef.h>

#define NAME_KEY_MAX	128	/* bytes of one key, NUL included */
#define NAME_KEY_ALL	8	/* keys name_key_all gives at most */

/*
 * name_key - the key of name into out (outlen bytes, NAME_KEY_MAX is
 * enough): its first and its last word.  false when name holds fewer than
 * two such words, or on ENOMEM.
 */
bool name_key(const char *name, char *out, size_t outlen);

/*
 * name_key_all - every key a writer's own name answers to: its first word
 * with each later word ("María García López": "maria garcia" and "maria
 * lopez"; "Ana Belén Ruiz": "ana belen" and "ana ruiz"), and for two
 * words the two swapped ("Reyes Dana" may be written surname first).
 * Returns how many were written to keys (at most max); 0 for no full
 * name.
 */
size_t name_key_all(const char *name, char keys[][NAME_KEY_MAX], size_t max);

/*
 * name_key_local - the key an address's local part spells when it is two
 * words joined by '.', '_' or '-' ("dana.reyes@", "reyes_dana@" gives
 * "reyes dana"; digits dropped).  false otherwise.
 */
bool name_key_local(const char *email, char *out, size_t outlen);

/*
 * name_key_local_matches - the local part of email, one word, spells the
 * key "first last" as "flast" or "firstlast" ("dreyes@" and
 * "danareyes@" match "dana reyes"); the surname has at least three
 * letters.
 */
bool name_key_local_matches(const char *email, const char *key);

#endif
