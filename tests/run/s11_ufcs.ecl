struct V { x: Int }
impl V {
    fn len(self) -> Int { 100 + self.x }
}
fn twice(n: Int) -> Int { n * 2 }
fn main() {
    let v = V { x: 1 };
    println(v.len(), [1, 2].len(), 5.twice(), "ab".to_uppercase(), Some(1).is_some());
    println(V::len(v), 2.5.sqrt() > 1.5);
}
