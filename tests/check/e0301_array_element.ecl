fn main() {
    let xs = [1, 2, "three"]
}
