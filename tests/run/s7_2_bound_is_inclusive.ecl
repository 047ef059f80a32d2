@requires(energy: 10J)
fn f() {
    consume(4J);
    consume(6J);
    println(resource_used(energy), shadow_price(energy));
}
def g() @requires: latency < 5ms {
    consume(5ms)
    println(resource_used(latency))
}
fn main() {
    f();
    g();
}
