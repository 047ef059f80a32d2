// args: --max-call-depth 4
fn apply(f: fn(Int) -> Int, x: Int) -> Int { f(x) }
fn main() {
    let g = |x: Int| x + 1;
    println(apply(g, 1));
    println(apply(|x| apply(g, x), 1));
}
