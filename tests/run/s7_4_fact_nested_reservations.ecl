@requires(energy: 10J) fn fact(n: Int) -> Int {
    if n <= 1 { 1 } else { n * fact(n - 1) }
}
fn main() {
    println(fact(10));
    println(resource_used(energy));
}
