fn note(s: String, v: Bool) -> Bool {
    print(s + " ");
    v
}
adaptive fn pick(n: Int) -> String {
    a @when(note("a", n > 5)) @requires(energy: 1J) { "a" }
    b @when(note("b", true)) @requires(energy: 2J) { "b" }
    c @when(note("c", false)) @requires(energy: 0.5J) { "c" }
}
fn main() {
    println(pick(10));
    println(pick(1));
}
