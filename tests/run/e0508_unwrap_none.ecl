fn main() {
    let a: Option<Int> = Some(1);
    let b: Option<Int> = None;
    println(unwrap(a));
    println(unwrap(b));
}
