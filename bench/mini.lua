-- wrk script for the mini-program API: every request signed in as one of TOKENS' students (one bearer token per
-- line), in turn, so the connections act as that many users. MODE=list: GET /api/mini/tickets; MODE=create: POST a
-- report (JSON, no photos) from BODY. The same requests go to the baseline, which ignores the token.
local tokens = {}
local index = 0
local mode, body

function init(args)
  for line in io.lines(os.getenv("TOKENS")) do table.insert(tokens, line) end
  mode = os.getenv("MODE") or "list"
  body = os.getenv("BODY") or "{}"
  -- Threads start at different places in the token list.
  index = math.random(#tokens)
end

function request()
  index = index % #tokens + 1
  local headers = { ["Authorization"] = "Bearer " .. tokens[index] }
  if mode == "create" then
    headers["Content-Type"] = "application/json"
    return wrk.format("POST", "/api/mini/tickets", headers, body)
  end
  return wrk.format("GET", "/api/mini/tickets?page=1&pageSize=10", headers)
end

dofile("bench/wrk-result.lua")
