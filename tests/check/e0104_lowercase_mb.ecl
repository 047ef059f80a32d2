fn main() {
    let m = 10mb
}
