/*
 * classify_signs - the addresses a sender's own signature names besides
 * their own: the same person signing as another address.
 *
 * DESCRIPTION
 *	"Dana Reyes · dana.reyes@gmail.example · +44 ..." under a message
 *	from dana@reyes-studio.example says the two addresses are one
 *	person.  cl_signs_as reads only m->signature, the sender's own
 *	signature or sign-off block as message_text separated it: never the
 *	text written now, quoted replies or forwarded blocks, where other
 *	people's addresses belong.  An address is kept when it is valid, not
 *	the sender's own, not the owner's or the own domains', not a role
 *	mailbox (noreply@, classify_is_role) or a shared one (info@,
 *	office@: a firm's, not a person's), and not already kept; at most
 *	CLASSIFY_MAX_SIGNS_AS of them, in the order they appear.
 *
 *	It runs for verified incoming mail only: a From nobody vouched for
 *	speaks for nobody.  The store turns each into a suggestion for
 *	`clientele duplicates` ("signs as"); nothing is merged.
 *
 * NEVER
 *	Reads beyond the signature, or more than CL_SIGN_SCAN bytes of it.
 */
#include <stdlib.h>
#include <string.h>

#include "util/strutil.h"
#include "classify_int.h"

#define CL_SIGN_SCAN	4096	/* bytes of the signature looked at */

/* local_char / domain_char - may the byte be part of an address here? */
static bool
local_char(unsigned char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	    (ch >= '0' && ch <= '9') || ch == '.' || ch == '_' || ch == '%' ||
	    ch == '+' || ch == '-' || ch == '\'';
}

static bool
domain_char(unsigned char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	    (ch >= '0' && ch <= '9') || ch == '.' || ch == '-';
}

/* Shared mailboxes: a firm's address in a signature is not the person's. */
static const char *const shared[] = {
	"accounts", "admin", "billing", "bookings", "contact", "enquiries",
	"hello", "info", "inquiries", "mail", "office", "orders", "sales",
	"service", "studio", "support", "team",
};

/* is_shared - is the local part of email (lower case) a shared mailbox? */
static bool
is_shared(const char *email)
{
	size_t n = (size_t)(strchr(email, '@') - email);

	for (size_t i = 0; i < sizeof(shared) / sizeof(shared[0]); i++)
		if (strlen(shared[i]) == n && strncmp(email, shared[i], n) == 0)
			return true;
	return false;
}

/* keep - add the address [s, s + n) to f->signs_as unless excluded; -1 on ENOMEM */
static int
keep(struct cl *c, const char *s, size_t n)
{
	struct facts *f = c->f;
	char *email, **nv;

	if (n == 0 || n > CL_EMAIL_MAX || f->nsigns_as >= CLASSIFY_MAX_SIGNS_AS)
		return 0;
	if ((email = xstrndup(s, n)) == NULL)
		return -1;
	str_lower_inplace(email);
	if (cl_excluded(c, email) || is_shared(email) || (c->sender != NULL &&
	    strcmp(email, c->sender) == 0))
		goto skip;
	for (size_t i = 0; i < f->nsigns_as; i++)
		if (strcmp(f->signs_as[i], email) == 0)
			goto skip;
	nv = realloc(f->signs_as, (f->nsigns_as + 1) * sizeof(*nv));
	if (nv == NULL) {
		free(email);
		return -1;
	}
	f->signs_as = nv;
	f->signs_as[f->nsigns_as++] = email;
	return 0;
skip:
	free(email);
	return 0;
}

int
cl_signs_as(struct cl *c)
{
	const char *sig = c->m->signature;
	size_t len;

	if (sig == NULL || c->sender == NULL)
		return 0;
	len = strlen(sig);
	if (len > CL_SIGN_SCAN)
		len = CL_SIGN_SCAN;
	for (size_t i = 0; i < len; i++) {
		size_t a = i, b = i + 1;

		if (sig[i] != '@')
			continue;
		while (a > 0 && local_char((unsigned char)sig[a - 1]))
			a--;
		while (b < len && domain_char((unsigned char)sig[b]))
			b++;
		/* the sentence's full stop is not part of the domain */
		while (b > i + 1 && (sig[b - 1] == '.' || sig[b - 1] == '-'))
			b--;
		while (a < i && (sig[a] == '.' || sig[a] == '\''))
			a++;
		if (a < i && b > i + 1 && keep(c, sig + a, b - a) < 0)
			return -1;
		i = b > i ? b - 1 : i;
	}
	return 0;
}
