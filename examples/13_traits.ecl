// Traits with required and default methods, `impl Trait for Type`, generic traits.
trait Describe {
    fn name(self) -> String;
    fn greeting(self) -> String { "hello from a describable thing" }
    def sides(self) -> Int { 0 }
}

trait Area[T] {
    fn area(self) -> T
}

struct Square { side: Int }
struct Circle { r: Float }

impl Describe for Square {
    fn name(self) -> String { "square" }
    fn sides(self) -> Int { 4 }
}

impl Describe for Circle {
    def name(self) -> String { "circle" }
    fn greeting(self) -> String { "round hello" }
}

impl Area<Int> for Square {
    fn area(self) -> Int { self.side * self.side }
}

impl Area[Float] for Circle {
    fn area(self) -> Float { 3.0 * self.r * self.r }
}

fn main() {
    let s = Square { side: 3 }
    let c = Circle { r: 2.0 }
    println(s.name(), s.sides(), s.greeting())
    println(c.name(), c.sides(), c.greeting())
    println(s.area(), c.area())
    println(Square::name(s) + "/" + Circle::name(c))
}
