// The `?` operator on Option and Result, in functions and in closures.
fn parse_pair(a: String, b: String) -> Option<Int> {
    let x = parse_int(a)?
    let y = parse_int(b)?
    Some(x + y)
}

fn checked_div(a: Int, b: Int) -> Result<Int, String> {
    if b == 0 { return Err("division by zero") }
    Ok(a / b)
}

fn compute(a: Int, b: Int, c: Int) -> Result<Int, String> {
    let q = checked_div(a, b)?
    let r = checked_div(q, c)?
    Ok(q + r)
}

fn first_even(xs: [Int]) -> Option<Int> {
    for x in xs {
        if x % 2 == 0 { return Some(x) }
    }
    None
}

fn chain(s: String) -> Option[Int] {
    Some(parse_int(s)? * 2 + 1)
}

fn main() {
    println(parse_pair("12", "30"), parse_pair("12", "x"))
    println(compute(100, 5, 2), compute(1, 0, 1), compute(10, 2, 0))
    let safe = |s: String| -> Option<Int> {
        let n = parse_int(s)?
        Some(n * 2)
    }
    println(safe("21"), safe("no"))
    println(first_even([1, 3, 8, 5]), first_even([]))
    println(chain("20"), chain("twenty"))
    println(unwrap(parse_pair("1", "2")), unwrap_or(parse_int("?"), -1))
    println(is_some(Some(1)), is_none(Some(1)), is_ok(compute(4, 2, 1)), is_err(compute(4, 0, 1)))
}
