const OK: Int = 1
const BAD: Int = 10 / (OK - 1)
fn main() {
    println("main ran");
}
