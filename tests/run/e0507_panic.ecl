fn fail(reason: String) -> Int {
    panic("bad input: " + reason)
}
fn main() {
    println("start");
    let x = fail("x\"y");
    println(x);
}
