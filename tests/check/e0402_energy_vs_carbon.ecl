fn main() {
    if 1kJ > 5gCO2e { }
}
