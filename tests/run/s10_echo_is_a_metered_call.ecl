@requires(energy: 3J)
fn square(x: Int) -> Int {
    println("square called");
    x * x
}
fn main() {
    let e = echo(square, 4);
    println(e);
    println(resource_used(energy));
}
