fn main() {
    let bad = 7J % 2
}
