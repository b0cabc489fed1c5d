/*
 * rules.h - the editable phrase rules (conf/rules.conf), compiled once.
 *
 * A rules file lists phrases per tag (praise, complaint, rude, haggler,
 * slow-payer, enquiry, and any tag the owner adds), per referral cue
 * ("recommended you", "heard about you from", ...), per introduction cue
 * ("let me introduce", "connect you two", ...), auto-reply subjects,
 * exceptions that cancel a tag or cue in their sentence ("if the link does
 * not work" is no complaint), and which values of the owner's value set a
 * tag counts against (rude -> respect).  Sections may be marked with a
 * language ("de"), and a program loads only the languages it is
 * configured for.  Phrases match on word boundaries, ignoring case and
 * accents.
 *
 * rules_load_* compile the file into an immutable struct that may be shared
 * between threads; rules_scan walks a text once, in time linear in its
 * length, and reports every phrase occurrence.  A file with an error is
 * rejected with "FILE:LINE: reason".
 */
#ifndef CLIENTELE_RULES_H
#define CLIENTELE_RULES_H

#include <stdbool.h>
#include <stddef.h>

#include "util/strutil.h"

struct rules;

enum rules_kind {
	RULES_TAG,		/* name = the tag */
	RULES_REFERRAL,		/* a cue that someone referred the sender */
	RULES_INTRODUCTION,	/* a cue that the sender introduces someone */
	RULES_AUTOREPLY,	/* an auto-reply subject or body opening */
	RULES_EXCEPT,		/* [not NAME]: name = the tag or section it
				 * cancels in the same sentence */
	RULES_WEAK,		/* [weak NAME]: counts for the tag, referral or
				 * introduction NAME only in a sentence that
				 * also holds an [aim] phrase */
	RULES_AIM,		/* [aim]: the sentence speaks to the owner or
				 * of writing to them ("you", "Ihnen", "vous
				 * écrire"); name "aim".  [aim NAME]: what a
				 * [weak NAME] phrase needs instead ("pay*"
				 * needs "next week"); name = NAME */
	RULES_ANNOUNCE,		/* a cue that someone named will write to the
				 * owner ("will be in touch", "wird sich
				 * melden"); name "announce" */
	RULES_OUTCOME,		/* [outcome NAME]: a word of what the sender
				 * says of the delivered work (a defect, a
				 * good result, thanks, ...) for
				 * classify_outcome.c; name = NAME */
};

struct rules_match {
	enum rules_kind kind;
	const char *name;	/* tag name for RULES_TAG, else the section name; borrowed */
	const char *phrase;	/* the phrase as written in the file; borrowed */
	size_t start;		/* byte offsets of the occurrence in the text */
	size_t end;
};

typedef void (*rules_match_fn)(void *ctx, const struct rules_match *m);

struct rules *rules_load_file(const char *path, struct err *e);
/*
 * The *_langs forms load only the sections without a language and those
 * whose language is in langs ("en de fr es": codes separated by blanks or
 * commas; NULL for every language).
 */
struct rules *rules_load_file_langs(const char *path, const char *langs,
    struct err *e);
struct rules *rules_load_string_langs(const char *name, const char *text,
    size_t len, const char *langs, struct err *e);
struct rules *rules_default_langs(const char *langs, struct err *e);
struct rules *rules_load_configured_langs(const char *path, bool named,
    const char *langs, struct err *e);
/* rules_load_string - compile rules from memory; name is used in errors */
struct rules *rules_load_string(const char *name, const char *text, size_t len,
    struct err *e);
/* rules_default - the rules compiled into the program (same as conf/rules.conf) */
struct rules *rules_default(struct err *e);
void rules_free(struct rules *r);
/*
 * rules_load_configured - the rules a program should use: the file at path
 * when it exists; when it is absent, the compiled-in rules, unless the
 * owner named the file explicitly (then its absence is an error).
 */
struct rules *rules_load_configured(const char *path, bool named,
    struct err *e);

/* rules_scan - report each phrase occurrence in text, in order of start */
void rules_scan(const struct rules *r, const char *text, size_t len,
    rules_match_fn fn, void *ctx);

/*
 * rules_aim_own - NAME has [aim NAME] phrases of its own: its [weak NAME]
 * phrases need one of those in their sentence, not a general [aim] one.
 */
bool rules_aim_own(const struct rules *r, const char *name);

/* rules_tag_count/rules_tag_name - the tags the rules know, built in and added */
size_t rules_tag_count(const struct rules *r);
const char *rules_tag_name(const struct rules *r, size_t i);

/* rules_values_against - value keys a tag counts against (NULL-terminated; borrowed) */
const char *const *rules_values_against(const struct rules *r, const char *tag);

#endif
