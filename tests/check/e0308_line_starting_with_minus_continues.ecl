fn main() {
    let s = "text"
    -1
}
