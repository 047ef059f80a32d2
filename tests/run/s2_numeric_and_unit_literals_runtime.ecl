fn main() {
    println(2e3J, 1_000J, 0.5kWh, 1MJ, 3Wh, 500nJ, 2μs, 3µs, 4ns);
    println(1kgCO2e, 1tCO2, 1gCO2, 1KB, 1MiB, 1GiB, 1kW, 1MW, 1uW);
}
