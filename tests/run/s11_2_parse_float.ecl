fn main() {
    println(parse_float("1.5"), parse_float("-2.25"), parse_float("1e3"), parse_float("2.5E-3"), parse_float("10"));
    println(parse_float("inf"), parse_float("NaN"), parse_float("abc"), parse_float(""), parse_float("1.5x"));
}
