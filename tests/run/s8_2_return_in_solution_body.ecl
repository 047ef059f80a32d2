adaptive fn clamp(x: Int) -> Int {
    only @requires(energy: 1J) {
        if x > 10 { return 10; }
        x
    }
}
fn main() {
    println(clamp(3), clamp(50));
}
