// Dimensional literals (LANGUAGE §2.6), their display, and dimension algebra.
def meter_reading() -> Resource<Energy> { 1.5kJ + 500J }
fn span() -> Resource[Time] { 90s + 30s }

fn main() {
    // energy, including the three spellings of micro
    println(1.5kJ, 500J, 2MJ, 1Wh, 2kWh, 250mJ, 40uJ, 3μJ, 7µJ, 2nJ)
    // time
    println(2min, 1h, 1d, 250ms, 5us, 3μs, 4µs, 100ns)
    // power
    println(100W, 1.5kW, 2MW, 500mW, 20uW, 3μW, 8µW)
    // carbon
    println(5gCO2e, 3gCO2, 2kgCO2e, 1kgCO2, 1tCO2e, 2tCO2)
    // memory (B is a byte, b a bit) and the other bases
    println(512B, 1KB, 2MB, 1GB, 1TB, 1KiB, 1MiB, 1GiB, 1TiB, 16b)
    println(0B, 0b, 5CU, 12USD, 2.5kWh, 2e3J)
    // arithmetic between dimensions
    println(meter_reading(), span())
    let p: Resource<Power> = 100J / 4s
    let f: Float = 3kWh / 1kWh
    println(p, f, 10W * 5s, 10W * 5s == 50J)
    println(2J * 3s, 1.0 / 2s, 3J * 2J, 10J / 2gCO2e, 36gCO2e / 1MJ, 1MB / 2s)
    println(50J * 2, 2 * 50J, 7J % 2J, 2J - 5J, 5J - 5J, 1kJ == 1000J, 2h > 90min)
    // casts between numbers and dimensioned values
    let e: Energy = 5.0 as Resource<Energy>
    let ratio: Resource<1> = 10J / 5J
    println(e, 3 as Energy, 2kJ as Float, 250ms as Resource<Time>, ratio)
}
