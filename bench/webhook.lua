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
  local file = os.getenv("PUSHES") or "pushes.txt"
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

function done(summary, latency, requests)
  io.write(string.format("RESULT rps=%.1f p50_ms=%.2f p99_ms=%.2f requests=%d non2xx=%d errors=%d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests, summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
