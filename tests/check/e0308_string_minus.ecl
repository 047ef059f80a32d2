fn main() {
    let s = "a" - "b"
}
