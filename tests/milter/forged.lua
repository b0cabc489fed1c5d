-- forged.lua - every X-Clientele field that comes with a message goes.
--
-- A customer's second message arrives with `copies` forged X-Clientele
-- fields (default 3000), a third of them each spelt X-Clientele,
-- x-clientele and X-CLIENTELE, all saying "category=good".  The milter
-- must ask for deletions (t_milter.sh checks in the log that it removed
-- every one, by number) and, when headers are added (-D add=yes), add its
-- own.  -D who=ADDRESS names the sender (each run a new one).
dofile("tests/milter/lib.lua")

local n = tonumber(copies or "3000")
local sender = who or "kim@customer.test"
local conn = lib.connect()

local r = lib.send(conn, lib.mail("forged1-" .. sender, sender, "Kim Lund",
	"A question", "Hello,\r\n\r\nDo you also do garden design?\r\n\r\nKim\r\n"))
lib.accepted("first message", r)

local m = lib.mail("forged2-" .. sender, sender, "Kim Lund", "Thanks",
	"Hi,\r\n\r\nThanks for the plans.\r\n\r\nKim\r\n")
local spell = { "X-Clientele", "x-clientele", "X-CLIENTELE" }
for i = 1, n do
	table.insert(m.headers, { spell[(i % 3) + 1],
		"category=good; referrals=99; tags=forged" .. i })
end
r = lib.send(conn, m)
lib.accepted("message with " .. n .. " forged fields", r)

if not mt.eom_check(conn, MT_HDRDELETE, "X-Clientele") then
	lib.fail("the forged X-Clientele fields were not deleted")
end
local v = lib.header(conn)
if add == "no" then
	if v ~= nil then
		lib.fail("AddHeaders no, yet X-Clientele was added: " .. v)
	end
else
	if v == nil then
		lib.fail("a known customer got no X-Clientele")
	end
	if string.find(v, "forged", 1, true) or string.find(v, "referrals=99", 1, true) then
		lib.fail("the added X-Clientele carries the forged value: " .. v)
	end
end

mt.disconnect(conn)
