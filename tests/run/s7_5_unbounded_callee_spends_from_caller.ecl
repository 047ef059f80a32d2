fn helper() {
    consume(3J);
    for i in 0..2 { }
}
@requires(energy: 10J)
fn caller() {
    helper();
    println(resource_used(energy));
}
fn main() {
    caller();
    helper();
    println(resource_used(energy));
}
