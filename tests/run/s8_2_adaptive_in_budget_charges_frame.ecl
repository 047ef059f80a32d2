adaptive fn step() -> Int {
    only @requires(energy: 7J, time: 20ms) { 1 }
}
@requires(energy: 50J)
fn run() {
    step();
    step();
    println(resource_used(energy), resource_used(time));
}
fn main() {
    run();
    println(resource_used(energy), resource_used(time));
}
