fn main() {
    assert_eq("same", "same");
    assert_eq("a\"b", "c\nd");
}
