-- malformed.lua - garbage headers and body are accepted, never rejected.
dofile("tests/milter/lib.lua")

local conn = lib.connect()
local junk = ""
for i = 1, 2000 do
	junk = junk .. string.char((i * 37) % 255 + 1)
end
local r = lib.send(conn, {
	from = "<<broken",
	qid = "bad1",
	headers = {
		{ "From", "<<<not an address at all" },
		{ "To", "@@@, ,,, <>" },
		{ "Subject", "=?utf-8?B?####?= \255\254 broken" },
		{ "Content-Type", "multipart/mixed; boundary=" },
		{ "Content-Transfer-Encoding", "base64" },
		{ "X-Junk", string.rep("A", 900) },
	},
	body = { "--\r\n--\r\n" .. junk .. "\r\n", "=ZZ=\r\n\255\r\n.\r\n" },
})
lib.accepted("malformed message", r)

-- No header block at all, only a body.
r = lib.send(conn, { from = "x@customer.test", qid = "bad2",
	body = "just some words\r\n" })
lib.accepted("message without headers", r)

-- Nothing at all.
r = lib.send(conn, { from = "", qid = "bad3" })
lib.accepted("empty message", r)
mt.disconnect(conn)
