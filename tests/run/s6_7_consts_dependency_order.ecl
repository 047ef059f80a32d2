const A: Int = B * 2
const B = C + 1
const C: Int = 20
const NAMES = ("x", [1, 2])
fn main() {
    println(A, B, C, NAMES);
}
