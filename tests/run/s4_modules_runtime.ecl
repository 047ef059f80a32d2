module geo {
    pub fn area(w: Int, h: Int) -> Int { w * h }
    pub fn scale() -> Int { 10 }
    pub fn scaled(w: Int) -> Int { w * scale() }
}
fn scale() -> Int { 1 }
use geo::area
use geo::scaled as sc
fn main() {
    println(area(2, 3), geo::area(4, 5), sc(2), scale(), geo::scale());
}
