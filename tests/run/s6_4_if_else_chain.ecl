fn sign(n: Int) -> String {
    if n < 0 { "neg" } else if n == 0 { "zero" } else { "pos" }
}
fn main() {
    println(sign(-3), sign(0), sign(8));
    let v = if true then { 1 } else { 2 };
    println(v);
    let u = if false { 5 };
    println(u);
}
