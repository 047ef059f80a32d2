adaptive fn inner() -> String {
    big @requires(energy: 20J, time: 1ms) { "big" }
    small @requires(energy: 5J, time: 1s) { "small" }
}
adaptive fn outer() -> String {
    only @requires(energy: 10J) {
        let r = inner();
        println("inside", resource_used(energy));
        r
    }
}
fn main() {
    println(inner());
    println(outer());
    println(resource_used(energy));
}
