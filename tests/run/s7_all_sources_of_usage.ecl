@requires(energy: 15J)
fn f() { }
fn main() {
    f();
    consume(2.5J);
    for i in 0..10 { }
    println(resource_used(energy));
}
