enum Shape { Circle(Float), Rect(Float, Float), Dot }
fn area(s: Shape) -> Float {
    match s {
        Circle(r) => 3.0 * r * r,
        Shape::Rect(w, h) => w * h,
        Dot => 0.0,
    }
}
fn main() {
    println(area(Circle(2.0)), area(Rect(2.0, 3.5)), area(Shape::Dot));
    let pair: (Option<Int>, Result<Int, String>) = (Some(4), Err("e"));
    let d = match pair {
        (Some(a), Ok(b)) => a + b,
        (Some(a), Err(_)) => a * 100,
        (None, _) => -1,
    };
    println(d);
    let (a, (b, c)) = (1, (2, 3));
    println(a + b + c);
}
