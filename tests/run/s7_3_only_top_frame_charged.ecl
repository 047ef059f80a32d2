@requires(energy: 30J)
fn inner() {
    consume(10J);
    println("inner", resource_used(energy));
}
@requires(energy: 100J)
fn outer() {
    consume(1J);
    inner();
    println("outer", resource_used(energy));
}
fn main() {
    outer();
    println("root", resource_used(energy));
}
