@requires(energy: 50J)
fn f() @requires(energy: 20J, time: 2s) {
    println(resource_used(energy));
}
def g() @requires: energy < 7J @requires: energy <= 9J, latency < 1s {
    consume(7J)
}
fn main() {
    f();
    g();
    println(resource_used(energy), resource_used(time));
}
