-- Appends one character to a string 200,000 times. Prints 200000.
local s = ""
local i = 0
while i < 200000 do
    s = s .. "x"
    i = i + 1
end
print(#s)
