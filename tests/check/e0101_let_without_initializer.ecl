fn main() {
    let x: Int;
}
