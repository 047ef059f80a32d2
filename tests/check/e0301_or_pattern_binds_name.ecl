fn f(n: Int) -> Int {
    match n {
        x | 0 => 1,
        _ => 2,
    }
}
