fn main() {
    let e = 0xFFJ
}
