fn abs(x: Int) -> Int { 1000 + x }
fn len(s: String) -> Int { 7 }
fn main() {
    println(abs(-5), len("abc"), "xy".len());
}
