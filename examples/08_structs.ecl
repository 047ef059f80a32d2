// Structs: literals, field shorthand, field assignment, value semantics, nesting.
struct Point { x: Int, y: Int }
struct Line { start: Point, end: Point, }
struct Person { name: String, age: Int, tags: [String] }
struct Empty {}

fn moved(p: Point, dx: Int) -> Point {
    let mut q = p
    q.x += dx
    q
}

fn main() {
    let x = 3
    let y = 4
    let p = Point { x, y }
    println(p)
    let q = moved(p, 10)
    println(p.x, q.x)
    let mut r = p
    r.y = 99
    println(p.y, r.y)
    let mut line = Line { start: p, end: Point { x: 0, y: y } }
    line.end.x = 5
    println(line)
    println(line.start.x + line.end.x)
    // a struct literal in an `if` head must be parenthesised
    if p == (Point { x: 3, y: 4 }) {
        println("p is (3, 4)")
    }
    println(p == Point { x: 3, y: 4 }, p != q)
    // arrays inside a struct are shared references, the struct itself is copied
    let ada = Person { name: "Ada", age: 36, tags: ["math"] }
    let mut alias = ada
    alias.age = 37
    push(alias.tags, "poetry")
    println(ada)
    println(alias.age)
    println(Empty {}, Empty {} == Empty {})
    let points = [Point { x: 1, y: 2 }, Point { x: 3, y: 4 }]
    println(points[1].y, points)
}
