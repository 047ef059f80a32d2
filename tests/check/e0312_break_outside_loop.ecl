fn main() {
    break
}
