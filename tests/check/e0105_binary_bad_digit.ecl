fn main() {
    let b = 0b102
}
