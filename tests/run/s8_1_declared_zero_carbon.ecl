adaptive fn green() -> String @optimize(minimize carbon) {
    dirty @requires(energy: 10J) { "dirty" }
    clean @requires(energy: 1000J, carbon: 0gCO2e) { "clean" }
}
fn main() {
    println(green());
    println(resource_used(energy), resource_used(carbon));
}
