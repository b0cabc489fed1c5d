-- known.lua - incoming mail from a customer gets X-Clientele.
--
-- The first message makes dana@customer.test a customer and, as nothing was
-- known of her before it, gets no header; the second, which
-- carries a forged X-Clientele field, must come back with the forged field
-- deleted and our own added, naming her category.
dofile("tests/milter/lib.lua")

local conn = lib.connect()

local r = lib.send(conn, lib.mail("known1", "dana@customer.test", "Dana Reyes",
	"Quote for a new kitchen",
	"Hello,\r\n\r\nCould you send me a quote for a new kitchen?\r\n\r\nDana\r\n"))
lib.accepted("first message", r)
lib.no_header("first message from a new sender", conn)

local m = lib.mail("known2", "dana@customer.test", "Dana Reyes",
	"Thank you", "Hi,\r\n\r\nThank you so much, the kitchen is wonderful and " ..
	"we love it. You did a fantastic job!\r\n\r\nDana\r\n")
table.insert(m.headers, { "X-Clientele", "category=good; referrals=99" })
r = lib.send(conn, m)
lib.accepted("second message", r)

local v = lib.header(conn)
if v == nil then
	lib.fail("second message from a known customer got no X-Clientele")
end
if not string.match(v, "^status=customer; category=%a+; referrals=%d+") then
	lib.fail("X-Clientele has an unexpected form: " .. v)
end
if string.find(v, "referrals=99", 1, true) then
	lib.fail("the forged X-Clientele value survived: " .. v)
end
if not mt.eom_check(conn, MT_HDRDELETE, "X-Clientele") then
	lib.fail("the forged X-Clientele field was not deleted")
end
mt.echo("X-Clientele: " .. v)

mt.disconnect(conn)
