// Adaptive functions in the def dialect: long `@solution` blocks with `@when` guards and
// `@provides` vectors, `@optimize: minimize …, maximize …`, and a colon-style cap.
adaptive def sort_strategy(n: Int) -> String
    @optimize: minimize energy, maximize compute
{
    @solution "parallel":
        @when: n > 1000
        @provides: energy: 3J, compute: 4CU
    {
        "parallel"
    }
    @solution "sequential":
        @provides: energy: 2J, compute: 1CU
    {
        "sequential"
    }
}

// The cap (energy < 10J) makes `zstd` infeasible; `store` is only eligible for small inputs.
adaptive def compress(size: Int) -> String
    @requires: energy < 10J
{
    @solution zstd:
        @provides: energy: 12J, time: 10ms
    {
        "zstd"
    }
    @solution lz4:
        @provides: energy: 4J, time: 20ms
    {
        "lz4"
    }
    @solution store:
        @when: size < 100 and size >= 0
        @provides: energy: 1J, time: 1ms
    {
        return "store"
    }
}

adaptive def pick_unit(x: Int) -> Int
    @optimize: minimize latency
{
    @solution "fast": @provides: latency: 1ms, energy: 50J { x * 2 }
    @solution "slow": @provides: latency: 1s { x }
}

def main() {
    println(sort_strategy(10), sort_strategy(5000))
    println(compress(50), compress(5000))
    println(resource_used(compute), resource_used(time))
    println(pick_unit(21))
    println(compress)
}
