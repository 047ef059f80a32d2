@requires(energy: 30J)
fn callee() {
    println("in callee", resource_used(energy));
    consume(5J);
    println("in callee", resource_used(energy));
}
@requires(energy: 100J)
fn caller() {
    callee();
    println("in caller", resource_used(energy));
    callee();
    println("in caller", resource_used(energy));
}
fn main() {
    caller();
    println("root", resource_used(energy));
}
