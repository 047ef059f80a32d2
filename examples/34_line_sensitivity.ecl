// Semicolon-free code and the three line-sensitive rules N1-N3 (LANGUAGE §2.9).

// N3: a statement starting with `if` ends at its last `}`; the `- 1` below is a new
// statement, and it is the function's value.
fn n3(c: Bool) -> Int {
    if c { 10 } else { 20 }
    - 1
}

// A line that starts with a binary operator continues the expression: base - 1.
fn continued() -> Int {
    let base = 100
    base
    -1
}

fn main() {
    let a = 10
    -1
    println(a)
    let total = 1 +
        2 +
        3
    println(total)

    // N1: `[` and `(` at the start of a line start a new statement.
    let xs = [1, 2, 3]
    let n = xs.len()
    [n, n]
    println(n)
    let f = |x: Int| x * 2
    let g = f
    (println("parenthesised statement"))
    println(g(4))

    println(n3(true), n3(false), continued())

    // `.` at the start of a line continues the expression.
    let s = "  spaced  "
        .trim()
        .to_uppercase()
    println(s)

    // `else` may start a new line.
    let value = if a > 5 { "big" }
    else { "small" }
    println(value)

    // N2: a struct literal needs its `{` on the same line as the name.
    let p = Point { x: 1,
        y: 2 }
    println(p)

    let m = match n { 3 => "three", _ => "other" }
    println(m)
}

struct Point { x: Int, y: Int }
