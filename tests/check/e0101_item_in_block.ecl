fn main() {
    let a = 1
    struct Inner { v: Int }
}
