fn classify(n: Int) -> String {
    match n {
        -5..0 => "small negative",
        0 => "zero",
        1 | 2 | 3 => "few",
        4..=9 => "several",
        x if x % 2 == 0 => "other even",
        _ => "other odd",
    }
}
fn main() {
    println(classify(-5), classify(-1), classify(0), classify(2));
    println(classify(4), classify(9), classify(10), classify(-6), classify(11));
    let g = match 5 {
        n if n > 10 => "big",
        n if n > 3 => "medium",
        _ => "small",
    };
    println(g);
}
