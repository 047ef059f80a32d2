struct Counter { n: Int }
impl Counter {
    fn new() -> Self { Counter { n: 0 } }
    fn bumped(self) -> Counter {
        self.n = self.n + 1;
        self
    }
    fn get(&self) -> Int { self.n }
}
struct Stack { items: [Int] }
impl Stack {
    fn add(self, x: Int) { push(self.items, x); }
}
fn main() {
    let c = Counter::new();
    let d = c.bumped().bumped();
    println(c.get(), d.get(), Counter::get(d));
    let s = Stack { items: [] };
    s.add(1);
    s.add(2);
    println(s);
}
