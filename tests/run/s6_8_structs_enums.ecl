struct Point { x: Float, y: Float }
struct Empty {}
struct Named { s: String, c: Char, inner: Point }
enum Shape { Circle(Float), Rect(Float, Float), Box { w: Int, h: Int }, Dot }
fn main() {
    println(Point { x: 1.5, y: -2.0 }, Empty {});
    println(Named { s: "hi", c: 'x', inner: Point { x: 0.0, y: 1.0 } });
    println(Circle(2.0), Shape::Rect(2.0, 3.0), Box { w: 1, h: 2 }, Dot, Shape::Dot);
    let r: Result<Int, String> = Err("bad");
    let o: Option<Int> = None;
    println(Some(5), o, Ok(3), r, Some(Some('c')), [Circle(1.0)]);
}
