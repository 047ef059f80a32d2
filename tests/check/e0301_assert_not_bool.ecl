fn main() {
    assert(1)
}
