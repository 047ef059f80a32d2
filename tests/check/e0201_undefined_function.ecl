fn main() {
    let v = compute(3)
}
