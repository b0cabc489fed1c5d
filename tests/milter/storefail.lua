-- storefail.lua - the database cannot be opened: the mail still goes
-- through (spooled), or is tempfailed when the spool cannot take it either
-- and OnInternalError says tempfail; never rejected.  Run with
-- -D expect=accept or -D expect=tempfail.
dofile("tests/milter/lib.lua")

local conn = lib.connect()
local r = lib.send(conn, lib.mail("storefail-" .. expect, "dana@customer.test",
	"Dana Reyes", "Hello again", "Could you call me back tomorrow?\r\n"))
if expect == "tempfail" then
	if r ~= SMFIR_TEMPFAIL then
		lib.fail("OnInternalError tempfail: expected a tempfail reply")
	end
else
	lib.accepted("store failure with OnInternalError accept", r)
	lib.no_header("store failure", conn)
end
mt.disconnect(conn)
