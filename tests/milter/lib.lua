-- lib.lua - helpers shared by the clientele-milter miltertest scripts.
--
-- Each script is run by tests/t_milter.sh as
--   miltertest -D socket=SPEC [-D name=value...] -s tests/milter/NAME.lua
-- from the top of the tree.  A failed check calls lib.fail, which raises a
-- Lua error: miltertest then exits non-zero and the shell test fails.

lib = {}

function lib.fail(msg)
	error("FAIL: " .. msg, 0)
end

-- lib.ok - fail unless a miltertest call returned nil (its "success")
function lib.ok(what, ret)
	if ret ~= nil then
		lib.fail(what .. " failed: " .. tostring(ret))
	end
end

function lib.connect()
	if socket == nil then
		lib.fail("run with -D socket=SPEC")
	end
	local conn = mt.connect(socket, 40, 0.25)
	if conn == nil then
		lib.fail("cannot connect to " .. socket)
	end
	-- What we rely on in the protocol (see callbacks.c): DATA is always
	-- answered (SMFIS_SKIP needs the body answered too); MAIL, RCPT, the
	-- headers and end-of-header are not waited for, over TCP (where the
	-- milter turns Nagle off) as on a unix socket.
	if mt.test_option(conn, SMFIP_NODATA) or mt.test_option(conn, SMFIP_NR_DATA) then
		lib.fail("the milter must answer DATA")
	end
	if mt.test_option(conn, SMFIP_NR_BODY) then
		lib.fail("the milter must answer each body chunk")
	end
	local kind = string.find(socket, "^inet6?:") ~= nil and "TCP" or "a unix socket"
	for _, nr in ipairs({ SMFIP_NR_MAIL, SMFIP_NR_RCPT, SMFIP_NR_HDR, SMFIP_NR_EOH }) do
		if not mt.test_option(conn, nr) then
			lib.fail("over " .. kind .. " the milter should not need replies to MAIL, RCPT, headers and EOH")
		end
	end
	if not mt.test_option(conn, SMFIP_NOCONNECT) or not mt.test_option(conn, SMFIP_NOHELO) then
		lib.fail("the milter should skip CONNECT and HELO")
	end
	if not mt.test_action(conn, SMFIF_ADDHDRS) then
		lib.fail("the milter should ask to add headers")
	end
	return conn
end

-- lib.send - one message on conn; returns the end-of-message reply.
--   m.from      envelope sender ("" for the null sender)
--   m.rcpt      list of envelope recipients
--   m.auth      {auth_authen}, or nil
--   m.qid       {i}
--   m.headers   list of {name, value}
--   m.body      a string, or a list of strings sent as separate chunks
function lib.send(conn, m)
	if m.auth ~= nil then
		mt.macro(conn, SMFIC_MAIL, "i", m.qid or "NOQID", "{auth_authen}", m.auth)
	else
		mt.macro(conn, SMFIC_MAIL, "i", m.qid or "NOQID")
	end
	lib.ok("mailfrom", mt.mailfrom(conn, "<" .. (m.from or "") .. ">"))
	for _, r in ipairs(m.rcpt or { "owner@example.org" }) do
		lib.ok("rcptto", mt.rcptto(conn, "<" .. r .. ">"))
	end
	lib.ok("data", mt.data(conn))
	if mt.getreply(conn) ~= SMFIR_CONTINUE then
		lib.fail("DATA was not answered with CONTINUE")
	end
	for _, h in ipairs(m.headers or {}) do
		lib.ok("header " .. h[1], mt.header(conn, h[1], h[2]))
	end
	lib.ok("eoh", mt.eoh(conn))
	local body = m.body or ""
	if type(body) == "string" then
		body = { body }
	end
	for _, chunk in ipairs(body) do
		-- An MTA never sends an empty body chunk; libmilter drops such a peer.
		if #chunk == 0 then
			break
		end
		lib.ok("bodystring", mt.bodystring(conn, chunk))
		local r = mt.getreply(conn)
		if r == SMFIR_SKIP then
			break
		end
		if r ~= SMFIR_CONTINUE then
			lib.fail("unexpected reply to a body chunk")
		end
	end
	lib.ok("eom", mt.eom(conn))
	return mt.getreply(conn)
end

-- lib.accepted - fail unless the end-of-message reply lets the mail through
function lib.accepted(what, reply)
	if reply ~= SMFIR_CONTINUE and reply ~= SMFIR_ACCEPT then
		lib.fail(what .. ": mail was not accepted")
	end
end

-- lib.header - the X-Clientele value added at end of message, or nil
function lib.header(conn)
	if not mt.eom_check(conn, MT_HDRADD, "X-Clientele") then
		return nil
	end
	return mt.getheader(conn, "X-Clientele", 0)
end

-- lib.no_header - fail if X-Clientele was added
function lib.no_header(what, conn)
	if mt.eom_check(conn, MT_HDRADD, "X-Clientele") then
		lib.fail(what .. ": X-Clientele added but should not be")
	end
end

-- lib.mail - a plain message from `from` to the owner
function lib.mail(id, from, name, subject, text)
	return {
		from = from,
		qid = id,
		headers = {
			{ "From", name .. " <" .. from .. ">" },
			{ "To", "Owner <owner@example.org>" },
			{ "Subject", subject },
			{ "Date", "Mon, 23 Nov 2026 10:00:00 +0000" },
			{ "Message-ID", "<" .. id .. "@milter.test>" },
		},
		body = text,
	}
end
