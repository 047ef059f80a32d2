@requires(energy: 4J)
fn f() { consume(1J); }
@requires(energy: 10J)
fn g() {
    f();
    f();
    consume(2J);
    println(resource_used(energy));
}
fn main() {
    g();
    consume(0.5J);
    println(resource_used(energy));
}
