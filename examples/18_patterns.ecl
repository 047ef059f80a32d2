// Patterns: literals, ranges, or-patterns, guards, struct patterns with `..`,
// tuple patterns, variant patterns, nesting, and destructuring `let`.
struct Point { x: Int, y: Int }

enum Msg {
    Quit,
    Move { dx: Int, dy: Int },
    Write(String),
    Color(Int, Int, Int),
}

fn describe_num(n: Int) -> String {
    match n {
        0 => "zero",
        1 | 2 | 3 => "small",
        -9..=-1 => "negative digit",
        4..10 => "medium",
        x if x >= 100 => "huge",
        _ => "other",
    }
}

fn where_is(p: Point) -> String {
    match p {
        Point { x: 0, y: 0 } => "origin",
        Point { x: 0, .. } => "on the y axis",
        Point { y: 0, .. } => "on the x axis",
        Point { x, y } if x == y => "diagonal " + to_string(x),
        Point { .. } => "elsewhere",
    }
}

fn handle_msg(m: Msg) -> String {
    match m {
        Quit => "quit",
        Move { dx: 0, dy } => "vertical " + to_string(dy),
        Msg::Move { dx, dy: _ } => "move " + to_string(dx),
        Write(text) => {
            "write " + text
        }
        Color(r, _, b) if r == b => "symmetric color",
        Msg::Color(_, _, _) => "color"
    }
}

fn tuple_match(t: (Int, Bool, String)) -> String {
    match t {
        (0, true, _) => "zero-true",
        (n, false, s) => s + to_string(n),
        (_, _, "special") => "special",
        _ => "fallback",
    }
}

fn literal_kinds(c: Char, f: Float, s: String, b: Bool) -> Int {
    let a = match c { 'a' | 'b' => 1, _ => 0 }
    let bb = match f { 1.5 => 10, -0.5 => 20, _ => 0 }
    let cc = match s { "hi" => 100, _ => 0 }
    let d = match b { true => 1000, false => 0 }
    a + bb + cc + d
}

fn nested(o: Option<Result<Int, String>>) -> String {
    match o {
        Some(Ok(n)) if n > 0 => "positive ok",
        Some(Ok(_)) => "other ok",
        Some(Err(e)) => "error: " + e,
        (None) => "nothing",
    }
}

fn main() {
    println(describe_num(0), describe_num(2), describe_num(-3), describe_num(7))
    println(describe_num(10), describe_num(150), describe_num(-10))
    println(where_is(Point { x: 0, y: 0 }), where_is(Point { x: 0, y: 5 }))
    println(where_is(Point { x: 5, y: 0 }), where_is(Point { x: 4, y: 4 }), where_is(Point { x: 1, y: 2 }))
    println(handle_msg(Quit), handle_msg(Move { dx: 0, dy: 3 }), handle_msg(Msg::Move { dx: 2, dy: 3 }))
    println(handle_msg(Write("hi")), handle_msg(Color(1, 2, 1)), handle_msg(Color(1, 2, 3)))
    println(tuple_match((0, true, "a")), tuple_match((7, false, "n=")), tuple_match((1, true, "special")), tuple_match((1, true, "x")))
    println(literal_kinds('a', 1.5, "hi", true), literal_kinds('z', -0.5, "no", false))
    println(nested(Some(Ok(3))), nested(Some(Ok(-3))), nested(Some(Err("boom"))), nested(None))
    let (a, (b, c)) = (1, (2, 3))
    let (_, second) = ("skip", 'k')
    println(a + b + c, second)
}
