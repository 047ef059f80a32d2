fn main() {
    let s: Option<Int> = Some(3);
    let n: Option<Int> = None;
    let o: Result<Int, String> = Ok(1);
    let e: Result<Int, String> = Err("bad");
    println(is_some(s), is_none(s), is_some(n), is_none(n));
    println(is_ok(o), is_err(o), is_ok(e), is_err(e));
    println(unwrap(s), unwrap(o), unwrap_or(s, 0), unwrap_or(n, 0), unwrap_or(e, -1), s.unwrap_or(9));
}
