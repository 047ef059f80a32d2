@requires(energy: 1J)
fn f() {
    consume(0J);
    consume(1J);
    consume(0J);
    println(resource_used(energy));
}
fn main() { f() }
