const BAD: Int = 1 / 0
fn helper() -> Int {
    println("never");
    1
}
