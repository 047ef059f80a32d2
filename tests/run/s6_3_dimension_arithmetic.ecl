fn main() {
    println(10W * 5s, 100J / 4s, 100J / 50J, 1.5kJ + 500J);
    println(2J * 3s, 1.0 / 4s, 5J * 2, 2 * 5J, 10J / 4);
    println(7J % 4J, 2J * 2J, 1gCO2e / 1J, 1J / 1gCO2e, 1B / 1s);
    println(1kWh, 250ms, 3kWh / 1kWh, 1J - 3J, 90s + 30s);
    println(1kJ > 999J, 250ms < 1s, 2KiB, 8b, 1.5h);
}
