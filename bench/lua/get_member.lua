-- GET /personcontact/{id} for a random seeded contact; XML when BENCH_ACCEPT asks for it.
local common = dofile(os.getenv("BENCH_LUA") .. "/common.lua")

local authorization = common.env("BENCH_AUTH", "")
local accept = common.env("BENCH_ACCEPT", "application/json")
local low = common.number("BENCH_ID_MIN")
local high = common.number("BENCH_ID_MAX")
local headers = common.headers(authorization, accept)

function request()
  return wrk.format("GET", "/personcontact/" .. math.random(low, high), headers)
end
