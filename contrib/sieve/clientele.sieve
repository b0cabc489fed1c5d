# clientele.sieve - file incoming mail by the customer category that
# clientele-milter records in its X-Clientele header.
#
# clientele-milter adds, to mail from a customer it already knows,
#
#     X-Clientele: category=good; referrals=4; tags=enquiry,praise,referrer
#
# with category one of good, ok or bad.  This script
#   - flags mail from good customers and files it in INBOX.Good-customers,
#     so the people who send you business are answered first;
#   - files mail from bad customers in INBOX.Problems, to read when you
#     are ready for it;
#   - leaves everything else (ok customers, new people, lists) in the inbox.
#
# Install it as the user's active Sieve script (Dovecot Pigeonhole:
# ~/.dovecot.sieve, or upload it with ManageSieve), or include it from one.
# The folder names assume Dovecot's "." hierarchy separator under INBOX;
# with "/" write "Good-customers" and "Problems" instead.  ":create" makes
# the folder on first use (RFC 5490).
#
# Trust: only clientele-milter on your own server should set this header.
# clientele-milter removes any X-Clientele header a sender wrote before it
# adds its own, so a sender cannot file themselves as a good customer.

require ["fileinto", "imap4flags", "mailbox"];

# Bad customers first: a message is never both.
if header :contains "X-Clientele" "category=bad" {
	fileinto :create "INBOX.Problems";
	stop;
}

if header :contains "X-Clientele" "category=good" {
	addflag "\\Flagged";
	fileinto :create "INBOX.Good-customers";
	stop;
}

# Everyone else stays in the inbox (implicit keep).
