fn main() {
    let ok = 1 < 2 < 3
}
