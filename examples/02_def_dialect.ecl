// The def dialect: `def`, colon-style `@requires:` bounds, no semicolons.
def square(x: Int) -> Int {
    x * x
}

def hypot2(a: Int, b: Int) -> Int
    @requires: energy < 10J
{
    square(a) + square(b)
}

def describe(n: Int) -> String
    @requires: energy < 5J, latency < 5ms
{
    if n > 100 { "big" } else if n > 10 { "medium" } else { "small" }
}

def cheap() -> Int @requires: energy <= 2J, carbon < 1gCO2e {
    1
}

def main() {
    println(square(7))
    println(hypot2(3, 4))
    println(describe(5), describe(50), describe(500))
    println(cheap() + cheap())
}
