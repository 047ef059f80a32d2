adaptive fn pick() -> String @optimize(minimize latency) {
    A @requires(energy: 30J, time: 1ms) { "A" }
    B @requires(energy: 8J, time: 40ms) { "B" }
}
@requires(energy: 10J)
fn run() {
    println(pick());
    println(resource_used(energy), resource_used(time));
}
@requires(energy: 100J)
fn run2() {
    consume(80J);
    println(pick());
}
fn main() {
    println(pick());
    run();
    run2();
}
