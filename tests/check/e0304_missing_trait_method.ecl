trait Shape {
    fn area(self) -> Int;
    fn name(self) -> String { "shape" }
}

struct Square { side: Int }

impl Shape for Square {
    fn name(self) -> String { "square" }
}
