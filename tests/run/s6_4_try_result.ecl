fn parse_pos(s: String) -> Result<Int, String> {
    match parse_int(s) {
        Some(n) => if n >= 0 { Ok(n) } else { Err("negative") },
        None => Err("not a number: " + s),
    }
}
fn sum2(a: String, b: String) -> Result<Int, String> {
    let x = parse_pos(a)?;
    print("[second] ");
    let y = parse_pos(b)?;
    Ok(x + y)
}
fn main() {
    println(sum2("1", "2"));
    println(sum2("x", "2"));
    println(sum2("1", "-5"));
}
