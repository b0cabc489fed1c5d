-- reload.lua - SIGUSR1 between two messages on one connection.
--
-- t_milter.sh has already rewritten the configuration with AddHeaders no,
-- but the milter has not read it yet: the first message still gets the
-- header.  Then we send SIGUSR1 (-D pid=PID); the connection must keep
-- working and the second message must get no header.
dofile("tests/milter/lib.lua")

local conn = lib.connect()
local r = lib.send(conn, lib.mail("reload1", "dana@customer.test",
	"Dana Reyes", "One more thing", "Could we also talk about the bathroom?\r\n"))
lib.accepted("message before reload", r)
if lib.header(conn) == nil then
	lib.fail("before the reload AddHeaders was yes, but no header came")
end

if pid == nil then
	lib.fail("run with -D pid=PID")
end
os.execute("kill -USR1 " .. pid)
mt.sleep(1)

r = lib.send(conn, lib.mail("reload2", "dana@customer.test", "Dana Reyes",
	"And the garden", "And the garden, if you have time. Thanks!\r\n"))
lib.accepted("message after reload", r)
lib.no_header("after the reload (AddHeaders no)", conn)
mt.disconnect(conn)
