fn main() {
    let pair = (1 + true, "s" * 2)
}
