struct P { name: String, c: Char }
fn main() {
    assert_eq([P { name: "x", c: 'y' }], [P { name: "x", c: 'z' }]);
}
