// Enums with unit, tuple and struct variants; qualified and unqualified variant names.
enum Color { Red, Green, Blue }

enum Shape {
    Circle(Float),
    Rect { w: Float, h: Float },
    Tri(Float, Float, Float),
    Dot,
}

enum Maybe<T> { Just(T), Nothing }

fn area(s: Shape) -> Float {
    match s {
        Circle(r) => 3.0 * r * r,
        Rect { w, h } => w * h,
        Tri(a, b, _) => a * b / 2.0,
        Dot => 0.0,
    }
}

fn name(c: Color) -> String {
    match c {
        Red => "red",
        Color::Green => "green",
        Blue => "blue",
    }
}

fn get_or<T>(m: Maybe<T>, d: T) -> T {
    match m {
        Just(v) => v,
        Maybe::Nothing => d,
    }
}

fn main() {
    let shapes = [Circle(1.0), Shape::Rect { w: 2.0, h: 3.0 }, Tri(3.0, 4.0, 5.0), Dot]
    for s in shapes {
        println(s, area(s))
    }
    println(name(Red), name(Color::Blue), name(Green))
    println(Color::Red == Red, Green != Blue)
    let c = Shape::Circle(2.5)
    println(c, [Red, Green])
    println(get_or(Just(5), 0), get_or(Nothing, "default"), Maybe::Just('j'))
}
