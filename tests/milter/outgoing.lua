-- outgoing.lua - the owner's own mail: no header, recipient's last contact.
dofile("tests/milter/lib.lua")

local conn = lib.connect()
local r = lib.send(conn, {
	from = "owner@example.org",
	auth = "owner",
	qid = "outgoing1",
	rcpt = { "sam@newclient.test" },
	headers = {
		{ "From", "Owner <owner@example.org>" },
		{ "To", "Sam Lee <sam@newclient.test>" },
		{ "Subject", "Your quote" },
		{ "Date", "Mon, 23 Nov 2026 11:00:00 +0000" },
		{ "Message-ID", "<outgoing1@milter.test>" },
	},
	body = "Hi Sam,\r\n\r\nPlease find the quote attached.\r\n\r\nOwner\r\n",
})
lib.accepted("outgoing message", r)
lib.no_header("outgoing message", conn)
mt.disconnect(conn)
