-- wrk script: PUT a 100-byte text value under one of 1000 keys, chosen at random per request.
-- Usage (from the repository root, with tools/kv serve --quiet running):
--   wrk -t2 -c32 -d30s --latency -s tools/kv-cli/wrk/put.lua http://127.0.0.1:8080
local body = string.rep("v", 100)
local headers = { ["Content-Type"] = "text/plain; charset=utf-8" }

request = function()
  return wrk.format("PUT", "/key/bench/" .. math.random(1, 1000), headers, body)
end
