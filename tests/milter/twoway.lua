-- twoway.lua - CustomerPolicy two-way and sender trust through the milter.
--
-- Lee writes twice: the first message gets no header (nothing known yet),
-- the second "status=prospect" (no two-way exchange yet).  A message with
-- Lee's From but an attacker's envelope says rude things (issue 18): it
-- is accepted and, as the shell checks, tags nobody.  Mail claiming the
-- owner's From without SASL makes nobody a contact; the owner's mail with
-- SASL, and locally submitted ({daemon_name} ORIGINATING), makes its
-- recipients customers: Lee's next message says "status=customer".
dofile("tests/milter/lib.lua")

local conn = lib.connect()

local r = lib.send(conn, lib.mail("tw1", "lee@prospect.test", "Lee Park",
	"Menu boards", "Hello, do you design menu boards?\r\n"))
lib.accepted("first message", r)
lib.no_header("first message from a new contact", conn)

r = lib.send(conn, lib.mail("tw2", "lee@prospect.test", "Lee Park",
	"Menu boards again", "Hello again, any news about the boards?\r\n"))
lib.accepted("second message", r)
local v = lib.header(conn)
if v == nil or not string.match(v, "^status=prospect; referrals=%d+") then
	lib.fail("a prospect's header should say status=prospect: " .. tostring(v))
end
if string.find(v, "category=", 1, true) then
	lib.fail("a prospect has no category: " .. v)
end

-- Lee's From, an attacker's envelope
local forged = lib.mail("tw3", "lee@prospect.test", "Lee Park", "you",
	"You are rude idiots and I will never pay.\r\n")
forged.from = "attacker@evil.test"
lib.accepted("forged From", lib.send(conn, forged))

-- the owner's From, nobody vouching
lib.accepted("forged owner", lib.send(conn, {
	from = "owner@example.org", qid = "tw4", rcpt = { "victim@prey.test" },
	headers = {
		{ "From", "Owner <owner@example.org>" },
		{ "To", "Victim <victim@prey.test>" },
		{ "Subject", "Invoice" },
		{ "Message-ID", "<tw4@milter.test>" },
	},
	body = "Pay now.\r\n",
}))

-- the owner, authenticated, answers Lee
lib.accepted("owner's answer", lib.send(conn, {
	from = "owner@example.org", auth = "owner", qid = "tw5",
	rcpt = { "lee@prospect.test" },
	headers = {
		{ "From", "Owner <owner@example.org>" },
		{ "To", "Lee Park <lee@prospect.test>" },
		{ "Subject", "Re: Menu boards" },
		{ "Message-ID", "<tw5@milter.test>" },
		{ "In-Reply-To", "<tw1@milter.test>" },
	},
	body = "Yes, gladly.\r\n",
}))
lib.no_header("the owner's own mail", conn)

-- submitted on this machine: the owner writes to Kim
mt.macro(conn, SMFIC_MAIL, "i", "tw6", "{daemon_name}", "ORIGINATING")
lib.ok("mailfrom", mt.mailfrom(conn, "<owner@example.org>"))
lib.ok("rcptto", mt.rcptto(conn, "<kim@local.test>"))
lib.ok("data", mt.data(conn))
mt.getreply(conn)
lib.ok("header", mt.header(conn, "From", "Owner <owner@example.org>"))
lib.ok("header", mt.header(conn, "To", "Kim <kim@local.test>"))
lib.ok("header", mt.header(conn, "Subject", "Hello Kim"))
lib.ok("header", mt.header(conn, "Message-ID", "<tw6@milter.test>"))
lib.ok("eoh", mt.eoh(conn))
lib.ok("body", mt.bodystring(conn, "Hello.\r\n"))
mt.getreply(conn)
lib.ok("eom", mt.eom(conn))
lib.accepted("local submission", mt.getreply(conn))

r = lib.send(conn, lib.mail("tw7", "lee@prospect.test", "Lee Park",
	"Re: Menu boards", "Thank you, that is lovely.\r\n"))
lib.accepted("Lee after the answer", r)
v = lib.header(conn)
if v == nil or not string.match(v, "^status=customer; category=%a+; referrals=%d+") then
	lib.fail("a customer's header should say status=customer: " .. tostring(v))
end
mt.disconnect(conn)
