-- inet.lua - the same milter over TCP: a known customer gets the header.
dofile("tests/milter/lib.lua")

local conn = lib.connect()
local r = lib.send(conn, lib.mail(qid or "inet1", "dana@customer.test",
	"Dana Reyes", "Over TCP", "Another quick question about the kitchen.\r\n"))
lib.accepted("message over TCP", r)
local v = lib.header(conn)
if v == nil or not string.match(v, "^status=customer; category=%a+; referrals=%d+") then
	lib.fail("no proper X-Clientele over TCP: " .. tostring(v))
end
mt.disconnect(conn)
