fn main() {
    let r = 0..2.5
}
