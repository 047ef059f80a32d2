fn main() {
    let bad = 5J + 3
}
