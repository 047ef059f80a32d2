fn main() {
    let b = !5
}
