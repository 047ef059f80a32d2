// Closures and lambdas: every form, capture by reference, per-iteration bindings,
// functions as values.
fn apply(f: fn(Int) -> Int, x: Int) -> Int { f(x) }

fn make_adder(n: Int) -> fn(Int) -> Int { |x| x + n }

fn compose(f: (Int) -> Int, g: (Int) -> Int) -> fn(Int) -> Int { |x| f(g(x)) }

fn main() {
    let double = |x| x * 2
    let shout = |s: String| -> String { s + "!" }
    let answer = || 42
    let triple = fn(x) -> x * 3
    println(double(21), shout("hey"), answer(), triple(5))
    println(apply(double, 5), apply(|x| x - 1, 5), apply(fn(x) -> x * x, 4))
    let add5 = make_adder(5)
    println(add5(10))
    let inc_then_double = compose(double, add5)
    println(inc_then_double(1))

    let mut hits = 0
    let tick = || { hits = hits + 1 }
    tick(); tick()
    tick()
    println(hits)

    let fs = []
    for i in 0..3 { push(fs, || i * 10) }
    println(fs[0](), fs[2]())

    let check = |n: Int| -> String {
        if n < 0 { return "neg" }
        "non-neg"
    }
    println(check(-1), check(1))

    let ignore = |_| 0
    let typed_ignore = |_: String, y: Int| y
    println(ignore(99), typed_ignore("a", 7))
    let add = |a: Int, b: Int,| a + b
    println(add(2, 3), (|x: Int| x + 100)(1))
    println(double, triple, apply)
}
