fn main() {
    assert_eq(0.1 + 0.2, 0.3);
}
