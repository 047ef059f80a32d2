-- adaptive.ecl emulated: every call prices both solutions with LANGUAGE §9.2's default price
-- book (energy 1.0 per J, time 100.0 per s, carbon 50.0 per g; carbon derived from energy at
-- 400 gCO2e/kWh), picks the cheaper (the first one on a tie, §8.4) and runs its body.
-- Prints 500001500000.
local PRICE_ENERGY, PRICE_TIME, PRICE_CARBON, INTENSITY = 1.0, 100.0, 50.0, 400.0

local solutions = {
    { energy = 2.0, time = 0.001, body = function(x) return x + 1 end }, -- fast
    { energy = 1.0, time = 0.050, body = function(x) return x + 2 end }, -- slow
}

local function cost(s)
    local carbon = (s.energy * INTENSITY) / 3600000.0
    return 0.0 + PRICE_ENERGY * s.energy + PRICE_TIME * s.time + PRICE_CARBON * carbon
end

local function pick(x)
    local best, best_cost = nil, 0.0
    for _, s in ipairs(solutions) do
        local c = cost(s)
        if best == nil then
            best, best_cost = s, c
        else
            local tied = math.abs(c - best_cost) <= 1e-9 * math.max(1.0, math.abs(c), math.abs(best_cost))
            if c < best_cost and not tied then best, best_cost = s, c end
        end
    end
    return best.body(x)
end

local i = 1
local total = 0
while i <= 1000000 do
    total = total + pick(i)
    i = i + 1
end
print(total)
