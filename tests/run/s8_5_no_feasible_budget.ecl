adaptive fn heavy() -> Int {
    only @requires(energy: 10J) { 1 }
}
@requires(energy: 5J)
fn run() -> Int { heavy() }
fn main() {
    println("before");
    println(run());
}
