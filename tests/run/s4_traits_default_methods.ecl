trait Describe {
    fn name(self) -> String;
    fn describe(self) -> String { "an animal" }
    fn legs(self) -> Int { 4 }
}
struct Dog { }
impl Describe for Dog {
    fn name(self) -> String { "dog" }
    fn legs(self) -> Int { 3 }
}
fn main() {
    let d = Dog {};
    println(d.describe(), d.name(), d.legs());
}
