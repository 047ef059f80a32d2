fn main() {
    let neg = -100J
}
