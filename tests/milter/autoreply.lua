-- autoreply.lua - an out-of-office reply is ignored: no header.
dofile("tests/milter/lib.lua")

local conn = lib.connect()
local m = lib.mail("auto1", "pat@customer.test", "Pat Moss",
	"Out of office: Re: your quote",
	"I am out of the office until Monday and will reply when I am back.\r\n")
table.insert(m.headers, { "Auto-Submitted", "auto-replied" })
local r = lib.send(conn, m)
lib.accepted("auto-reply", r)
lib.no_header("auto-reply", conn)
mt.disconnect(conn)
