fn first_even(xs: [Int]) -> Option<Int> {
    for x in xs {
        if x % 2 == 0 { return Some(x); }
    }
    None
}
fn plus_one(xs: [Int]) -> Option<Int> {
    let v = first_even(xs)?;
    println("found", v);
    Some(v + 1)
}
fn main() {
    println(plus_one([1, 4, 6]));
    println(plus_one([1, 3]));
    let dbl = |s: String| -> Option<Int> {
        let n = parse_int(s)?;
        Some(n * 2)
    };
    println(dbl("21"), dbl("z"));
}
