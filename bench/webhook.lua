-- wrk script: replays pre-generated pushes (one "path<TAB>body" per line), each thread its own slice,
-- so no push is sent twice while the file lasts.
local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  -- The warm-up phase (lib.sh's wrk_phase) replays its own slice, so the measured run never repeats a push.
  local file = (os.getenv("WRK_PHASE") == "warm" and os.getenv("PUSHES_WARM")) or os.getenv("PUSHES") or "pushes.txt"
  local nthreads = tonumber(os.getenv("WRK_THREADS") or "1")
  paths, bodies = {}, {}
  local n = 0
  for line in io.lines(file) do
    if n % nthreads == id then
      local tab = line:find("\t", 1, true)
      table.insert(paths, line:sub(1, tab - 1))
      table.insert(bodies, line:sub(tab + 1))
    end
    n = n + 1
  end
  index = 0
  wrapped = 0
end

function request()
  index = index + 1
  if index > #paths then index = 1; wrapped = wrapped + 1 end
  return wrk.format("POST", paths[index], { ["Content-Type"] = "text/xml" }, bodies[index])
end

dofile("bench/wrk-result.lua")
