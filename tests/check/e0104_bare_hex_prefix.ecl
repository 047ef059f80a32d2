fn main() {
    let v = 0x
}
