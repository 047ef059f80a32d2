struct Failure { code: Int, why: String }
fn check(n: Int) -> Result<Int, Failure> {
    if n > 0 { Ok(n) } else { Err(Failure { code: n, why: "non-positive" }) }
}
fn main() {
    println(unwrap(check(2)));
    let v = unwrap(check(-4));
}
