fn main() {
    println(1.5kJ, 250ms, 100J / 4s, 1.5kJ + 500J, 0J);
    println(2.5e-20J, 1e16J, 3.5gCO2e, 2KiB, 5CU, 1USD);
    println(100mW, 1us, 1.5h, 2J * 3s, 1.0 / 2s, 100J / 50J);
    println(3J * 3J, 1gCO2e / 1J, 1B / 1s, 2min, 1d);
    println([1J, 2.5J], (1s, 2W), Some(3gCO2e));
}
