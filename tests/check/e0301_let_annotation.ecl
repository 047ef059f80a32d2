fn main() {
    let n: Int = "five"
}
