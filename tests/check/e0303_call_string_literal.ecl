fn main() {
    let y = "text"(1)
}
