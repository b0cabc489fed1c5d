-- oversized.lua - a message far larger than MaxScanBytes is accepted, and
-- the milter keeps answering on the same connection afterwards.
dofile("tests/milter/lib.lua")

local conn = lib.connect()
local line = string.rep("All work and no play makes a long message. ", 20) .. "\r\n"
local chunks = {}
for i = 1, 400 do
	chunks[i] = line
end
local m = lib.mail("big1", "big@customer.test", "Bea Big", "A long story",
	chunks)
local r = lib.send(conn, m)
lib.accepted("oversized message", r)

r = lib.send(conn, lib.mail("big2", "big@customer.test", "Bea Big",
	"Short one", "Just a short note after the long one.\r\n"))
lib.accepted("message after the oversized one", r)
mt.disconnect(conn)
