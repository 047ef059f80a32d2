adaptive fn pick() -> String {
    derived @requires(energy: 10J) { "derived" }
    declared @requires(energy: 10J, carbon: 0.1gCO2e) { "declared" }
}
fn main() {
    println(carbon_intensity(), pick());
}
