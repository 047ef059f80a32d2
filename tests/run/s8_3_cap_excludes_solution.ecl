adaptive fn choose() -> String @requires(energy: 10J) {
    fast @requires(energy: 50J, time: 1ms) { "fast" }
    slow @requires(energy: 5J, time: 1s) { "slow" }
}
adaptive fn nocap() -> String {
    fast @requires(energy: 50J, time: 1ms) { "fast" }
    slow @requires(energy: 5J, time: 1s) { "slow" }
}
fn main() {
    println(nocap(), choose());
    println(resource_used(energy), resource_used(time));
}
