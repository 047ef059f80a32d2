fn main() {
    println(carbon_intensity());
    println(carbon_of(3600000J), carbon_of(1kWh), carbon_of(9kJ), carbon_of(0J));
    println(resource_used(carbon));
}
