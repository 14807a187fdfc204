-- POST /personcontact: a new phone number or email address for a random seeded person.
local common = dofile(os.getenv("BENCH_LUA") .. "/common.lua")

local authorization = common.env("BENCH_AUTH", "")
local low = common.number("BENCH_PERSON_MIN")
local high = common.number("BENCH_PERSON_MAX")
local headers = common.headers(authorization, "application/json", "application/json")
local kinds = {
  { type = 2, descriptor = 5, value = function(n) return string.format("+1 555 %03d %04d", n % 1000, n % 10000) end },
  { type = 1, descriptor = 3, value = function(n) return string.format("bench.%d@example.com", n) end },
}

function request()
  local kind = kinds[math.random(1, #kinds)]
  local n = math.random(1, 99999999)
  local body = string.format(
    '{"personid":%d,"value":"%s","contacttypeid":%d,"contactdescriptorid":%d}',
    math.random(low, high), kind.value(n), kind.type, kind.descriptor)
  return wrk.format("POST", "/personcontact", headers, body)
end
