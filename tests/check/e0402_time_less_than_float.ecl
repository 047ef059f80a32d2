fn main() {
    let b = 5s < 3.0
}
