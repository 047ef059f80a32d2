// args: --carbon-intensity 250
fn main() {
    println(carbon_intensity());
    println(carbon_of(3600000J), carbon_of(36kJ));
}
