adaptive fn pick() -> String {
    e_heavy @requires(energy: 20J, time: 10ms) { "e_heavy" }
    t_heavy @requires(energy: 1J, time: 300ms) { "t_heavy" }
}
@requires(energy: 100J)
fn session() {
    println(pick());
    consume(60J);
    println(pick());
    println(resource_used(energy));
}
fn main() { session() }
