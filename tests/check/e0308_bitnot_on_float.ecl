fn main() {
    let b = ~1.5
}
