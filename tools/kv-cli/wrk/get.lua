-- wrk script: GET one of the 1000 keys put.lua writes, chosen at random per request.
-- Run put.lua first so that every key exists; wrk counts any answer but 2xx as non-2xx.
-- Usage (from the repository root):
--   wrk -t2 -c32 -d30s --latency -s tools/kv-cli/wrk/get.lua http://127.0.0.1:8080
request = function()
  return wrk.format("GET", "/key/bench/" .. math.random(1, 1000))
end
