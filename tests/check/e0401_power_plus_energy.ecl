fn main() {
    let p = 10W
    let bad = p + 3J
}
