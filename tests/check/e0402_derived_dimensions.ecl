fn main() {
    let b = (2J * 3s) >= 1J
}
