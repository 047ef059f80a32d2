fn name(c: Char) -> String {
    match c { 'a' => "A", 'b' => "B" }
}
fn main() {
    println(name('a'));
    println(name('\''));
}
