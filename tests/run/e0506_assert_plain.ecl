fn main() {
    assert(1 < 2);
    assert(true, "fine");
    println("ok so far");
    assert(1 > 2);
}
