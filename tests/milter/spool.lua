-- spool.lua - one message while the store may be failing: the mail must
-- be accepted, and when the store was not used (it went to the spool) no
-- X-Clientele is added.  Run by tests/t_spool.sh as
--   miltertest -D socket=SPEC -D id=ID -D from=ADDR [-D header=no]
--              [-D expect=tempfail] -s tests/milter/spool.lua
-- expect=tempfail: neither the store nor the spool could take the message,
-- and OnInternalError tempfail says so.
dofile("tests/milter/lib.lua")

if id == nil or from == nil then
	lib.fail("run with -D id=ID -D from=ADDR")
end

local conn = lib.connect()
local r = lib.send(conn, lib.mail(id, from, "Spool Tester",
	"Question " .. id, "Hello,\r\n\r\nCould you send me a quote, please? (" ..
	id .. ")\r\n\r\nThanks\r\n"))
if expect == "tempfail" then
	if r ~= SMFIR_TEMPFAIL then
		lib.fail(id .. ": expected a tempfail reply")
	end
else
	lib.accepted(id, r)
end
if header == "no" then
	lib.no_header(id, conn)
end
mt.disconnect(conn)
