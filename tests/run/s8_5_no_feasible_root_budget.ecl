// args: --budget time=3s
adaptive fn pick() -> String {
    a @requires(energy: 2J, time: 2s) { "a" }
    b @requires(energy: 1J, time: 5s) { "b" }
}
fn main() {
    println(pick());
    pick();
}
