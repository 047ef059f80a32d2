fn main() {
    let v = 0b2
}
