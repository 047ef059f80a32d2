fn main() {
    let bad = 1.5 + 2s
}
