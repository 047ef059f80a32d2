// A program's own module named `std` is used as written; the library stays out.
module std {
    pub fn answer() -> Int { 42 }
}
fn main() {
    println(std::answer())
}
