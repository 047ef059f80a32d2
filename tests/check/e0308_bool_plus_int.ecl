fn main() {
    let v = true + 1
}
