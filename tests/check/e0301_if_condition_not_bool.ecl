fn main() {
    if 1 { println("one") }
}
