adaptive fn t1() -> String @optimize(minimize time) {
    a @requires(energy: 1J, time: 10ms) { "a" }
    b @requires(energy: 5J, time: 10ms) { "b" }
}
adaptive fn t2() -> String @optimize(minimize time) {
    b @requires(energy: 5J, time: 10ms) { "b" }
    a @requires(energy: 1J, time: 10ms) { "a" }
}
adaptive fn same() -> String {
    x @requires(energy: 2J) { "x" }
    y @requires(energy: 2J) { "y" }
}
adaptive fn within() -> String @optimize(minimize energy) {
    a @requires(energy: 1.0000000005J) { "a" }
    b @requires(energy: 1J) { "b" }
}
adaptive fn beyond() -> String @optimize(minimize energy) {
    a @requires(energy: 1.000001J) { "a" }
    b @requires(energy: 1J) { "b" }
}
fn main() {
    println(t1(), t2(), same(), within(), beyond());
}
