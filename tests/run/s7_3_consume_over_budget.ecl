@requires(energy: 10J)
fn f() {
    consume(6J);
    println("first ok");
    consume(6J);
    println("unreachable");
}
fn main() { f() }
