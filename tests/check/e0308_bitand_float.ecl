fn main() {
    let v = 1.5 & 2
}
