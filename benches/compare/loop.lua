-- A while loop summing 1..=10,000,000. Prints 50000005000000.
local i = 1
local total = 0
while i <= 10000000 do
    total = total + i
    i = i + 1
end
print(total)
