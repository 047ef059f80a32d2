// Mutual recursion, shadowing, block scopes, assignable parameters, a user function
// hiding a builtin, separate value and type namespaces, and `main` returning Int.
fn is_even(n: Int) -> Bool { if n == 0 { true } else { is_odd(n - 1) } }
fn is_odd(n: Int) -> Bool { if n == 0 { false } else { is_even(n - 1) } }

// Hides the builtin `sqrt` everywhere in this file: an integer square root.
fn sqrt(n: Int) -> Int {
    let mut r = 0
    while (r + 1) * (r + 1) <= n { r += 1 }
    r
}

struct Point { x: Int }

// A function may share its name with a struct.
fn Point(x: Int) -> Point { Point { x: x * 2 } }

fn bump(n: Int) -> Int {
    n = n + 1
    n += 1
    n
}

fn fib(n: Int) -> Int {
    if n < 2 { return n }
    fib(n - 1) + fib(n - 2)
}

fn report(n: Int) {
    if n < 0 { return }
    println("report", n)
}

fn main() -> Int {
    report(-1)
    report(2)
    let _ = bump(5)
    println(is_even(10), is_odd(7), is_even(3))
    println(sqrt(17), sqrt(100))
    println(Point(3), Point { x: 3 })
    println(bump(1))
    let x = 1
    let x = "shadowed"
    println(x)
    let y = 1
    {
        let y = 2
        println(y)
    }
    println(y)
    let mut acc = []
    for i in 0..8 { push(acc, fib(i)) }
    println(acc)
    0
}
