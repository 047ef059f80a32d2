fn main() {
    let f: Float = 1
}
