fn main() {
    let bad = 1J - 1s
}
