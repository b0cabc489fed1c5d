-- flood.lua - a message whose end arrives while idle connections hold
-- every descriptor the milter lets connections have: it must still get a
-- verdict and X-Clientele, and its facts must reach the store (opened
-- for the first time then, in the descriptors kept in reserve).
-- Run by tests/t_fdlimit.sh with -D flood=COMMAND -D ready=FILE: the
-- command starts the idle connections in the background and FILE appears
-- once they are open.
dofile("tests/milter/lib.lua")

-- miltertest does not print a script's error: say it before failing
local lib_fail = lib.fail
lib.fail = function(msg)
	print("FAIL: " .. msg)
	lib_fail(msg)
end

if flood == nil or ready == nil then
	lib.fail("run with -D flood=COMMAND -D ready=FILE")
end
local conn = lib.connect()
local m = lib.mail(qid or "flood1", "dana@customer.test", "Dana Reyes",
	"Under pressure", "A quick question about the kitchen, please.\r\n")
mt.macro(conn, SMFIC_MAIL, "i", m.qid)
lib.ok("mailfrom", mt.mailfrom(conn, "<" .. m.from .. ">"))
lib.ok("rcptto", mt.rcptto(conn, "<owner@example.org>"))
lib.ok("data", mt.data(conn))
for _, h in ipairs(m.headers) do
	lib.ok("header " .. h[1], mt.header(conn, h[1], h[2]))
end
lib.ok("eoh", mt.eoh(conn))
lib.ok("bodystring", mt.bodystring(conn, m.body))
if mt.getreply(conn) ~= SMFIR_CONTINUE then
	lib.fail("unexpected reply to the body")
end
-- now take every descriptor the milter has left, then end the message
os.execute(flood .. " &")
local waited = 0
while io.open(ready, "r") == nil do
	if waited > 200 then
		lib.fail("the idle connections were not opened in time")
	end
	os.execute("sleep 0.1")
	waited = waited + 1
end
lib.ok("eom", mt.eom(conn))
lib.accepted("message under descriptor pressure", mt.getreply(conn))
local v = lib.header(conn)
if v == nil or not string.match(v, "^status=customer; ") then
	lib.fail("no X-Clientele under descriptor pressure: " .. tostring(v))
end
mt.disconnect(conn)
