fn make_counter() -> fn() -> Int {
    let mut c = 0;
    || {
        c = c + 1;
        c
    }
}
fn main() {
    let a = make_counter();
    let b = make_counter();
    println(a(), a(), a(), b());
}
