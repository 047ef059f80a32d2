fn main() {
    let b = "a" < 1
}
