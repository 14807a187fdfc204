-- Several people with their own tokens: 90 % reads of their own contacts (two thirds single rows, one
-- third the whole list), 10 % writes (half new rows, half partial updates of their own rows).
-- BENCH_PEOPLE is "personid=Authorization header value" pairs separated by ";".
local common = dofile(os.getenv("BENCH_LUA") .. "/common.lua")

local update_method = common.env("BENCH_UPDATE_METHOD", "PUT")
local first_person = common.number("BENCH_FIRST_PERSON")
local first_contact = common.number("BENCH_FIRST_CONTACT")
local people = {}
for id, authorization in string.gmatch(common.env("BENCH_PEOPLE"), "(%d+)=([^;]+)") do
  local person = tonumber(id)
  people[#people + 1] = {
    id = person,
    first_contact = first_contact + (person - first_person) * 10,
    read = common.headers(authorization, "application/json"),
    write = common.headers(authorization, "application/json", "application/json"),
  }
end
if #people == 0 then
  error("bench: BENCH_PEOPLE names no person")
end

function request()
  local person = people[math.random(1, #people)]
  local roll = math.random(1, 100)
  local own = person.first_contact + math.random(0, 9)
  if roll <= 60 then
    return wrk.format("GET", "/personcontact/" .. own, person.read)
  elseif roll <= 90 then
    return wrk.format("GET", "/personcontact?personid=" .. person.id, person.read)
  elseif roll <= 95 then
    local body = string.format(
      '{"personid":%d,"value":"mixed.%d@example.com","contacttypeid":1,"contactdescriptorid":2}',
      person.id, math.random(1, 99999999))
    return wrk.format("POST", "/personcontact", person.write, body)
  else
    local body = string.format('{"value":"mixed update %d"}', math.random(1, 99999999))
    return wrk.format(update_method, "/personcontact/" .. own, person.write, body)
  end
end
