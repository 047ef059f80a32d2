fn main() {
    let n = true as Int
}
