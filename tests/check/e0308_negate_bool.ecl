fn main() {
    let b = -true
}
