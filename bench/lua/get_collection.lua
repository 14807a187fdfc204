-- GET /personcontact?personid=N for a random seeded person: ten rows each.
local common = dofile(os.getenv("BENCH_LUA") .. "/common.lua")

local authorization = common.env("BENCH_AUTH", "")
local low = common.number("BENCH_PERSON_MIN")
local high = common.number("BENCH_PERSON_MAX")
local headers = common.headers(authorization, "application/json")

function request()
  return wrk.format("GET", "/personcontact?personid=" .. math.random(low, high), headers)
end
