fn double(x: Int) -> Int { x * 2 }
adaptive fn pick() -> Int {
    only @requires(energy: 1J) { 1 }
}
struct V { x: Int }
impl V {
    fn get(self) -> Int { self.x }
}
module geo {
    pub fn area(w: Int) -> Int { w * w }
}
fn main() {
    println(double, pick, |x: Int| x + 1, fn(y) -> y * 3);
    let f = double;
    println(f, f(4), V::get, geo::area);
    println(sqrt);
}
