// Carbon helpers and echo types (LANGUAGE §10, §11.6).
fn parity(n: Int) -> Int { n % 2 }

fn main() {
    println(carbon_intensity())
    println(carbon_of(1kWh), carbon_of(9kJ), carbon_of(0J))
    let e = echo(parity, 7)
    println(e, echo_witness(e), echo_base(e))
    let e2: Echo<String, Int> = echo(|s: String| len(s), "four")
    println(echo_witness(e2), echo_base(e2))
    let e3 = echo(fn(x) -> x * 3, 4)
    println(e3)
    println(echo(parity, 8) == echo(parity, 8), echo(parity, 8) == echo(parity, 10))
    println(landauer_cost(1, 300.0), landauer_cost(0, 1.0))
    println(landauer_cost(2, 300.0) > 0J, landauer_cost(4, 300.0) > landauer_cost(2, 300.0))
    let fibre = [echo(parity, 1), echo(parity, 3), echo(parity, 5)]
    println(map(fibre, |x| echo_base(x)), map(fibre, |x| echo_witness(x)))
    println(carbon_of(1kWh) + 100gCO2e > 0.4kgCO2e)
}
