adaptive fn fastest() -> String @optimize(minimize latency) {
    hungry @requires(energy: 100J, time: 1ms) { "hungry" }
    frugal @requires(energy: 1J, time: 10ms) { "frugal" }
}
adaptive fn balanced() -> String {
    hungry @requires(energy: 100J, time: 1ms) { "hungry" }
    frugal @requires(energy: 1J, time: 10ms) { "frugal" }
}
fn main() {
    println(fastest(), balanced());
    println(resource_used(energy));
}
