fn main() {
    let r = "energy"
    consume(r, 5J)
}
