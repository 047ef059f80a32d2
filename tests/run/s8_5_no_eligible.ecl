adaptive fn pick(n: Int) -> String {
    a @when(n > 10) @requires(energy: 1J) { "a" }
    b @when(n < 0) @requires(energy: 1J) { "b" }
}
fn main() {
    println(pick(20));
    println(pick(-1));
    let x = 5;
    println(pick(x));
}
