fn apply(f: fn(Int) -> Int, v: Int) -> Int { f(v) }
fn main() {
    let clamp = |v: Int| -> Int {
        if v > 10 { return 10; }
        v
    };
    println(clamp(3), clamp(99));
    let triple = fn(x) -> x * 3;
    println(triple(4), apply(triple, 5), apply(|x| x - 1, 5));
}
