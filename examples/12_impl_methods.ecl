// impl blocks: methods with self / &self / typed self, associated functions, Self::, generic impls.
struct Counter { count: Int, step: Int }

impl Counter {
    fn new(step: Int) -> Counter { Counter { count: 0, step } }
    fn starting_at(n: Int) -> Counter { Self::with(n, 1) }
    fn with(count: Int, step: Int) -> Counter { Counter { count, step } }
    fn value(self) -> Int { self.count }
    fn bumped(self) -> Counter {
        Counter { count: self.count + self.step, step: self.step }
    }
    def describe(&self) -> String {
        "counter at " + to_string(self.count)
    }
    fn plus(self: Counter, n: Int) -> Int { self.count + n }
    fn reset(self) -> Counter {
        let mut me = self
        me.count = 0
        me
    }
}

struct Stack[T] { items: [T] }

impl[T] Stack[T] {
    fn empty() -> Stack[T] { Stack { items: [] } }
    fn push_item(self, x: T) { push(self.items, x) }
    fn size(self) -> Int { len(self.items) }
    fn peek(self) -> Option<T> {
        if self.size() == 0 { None } else { Some(self.items[self.size() - 1]) }
    }
}

fn main() {
    let c = Counter::new(5)
    let d = c.bumped().bumped()
    println(c.value(), d.value(), Counter::value(d))
    println(d.describe())
    println(Counter::starting_at(7))
    println(d.plus(1), d.reset(), d)
    let s = Stack::empty()
    s.push_item("a")
    s.push_item("b")
    println(s.size(), s.items, s.peek())
}
