-- PUT /personcontact/{id} with only a new value (a partial update). json-server calls that PATCH:
-- BENCH_UPDATE_METHOD picks the verb.
local common = dofile(os.getenv("BENCH_LUA") .. "/common.lua")

local authorization = common.env("BENCH_AUTH", "")
local method = common.env("BENCH_UPDATE_METHOD", "PUT")
local low = common.number("BENCH_ID_MIN")
local high = common.number("BENCH_ID_MAX")
local headers = common.headers(authorization, "application/json", "application/json")

function request()
  local body = string.format('{"value":"updated %d"}', math.random(1, 99999999))
  return wrk.format(method, "/personcontact/" .. math.random(low, high), headers, body)
end
