adaptive fn work() -> Int {
    fast @requires(energy: 5J) {
        consume(3J);
        println("still fine", resource_used(energy));
        consume(3J);
        1
    }
}
fn main() {
    println(work());
}
