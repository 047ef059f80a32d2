fn f(n: Int) -> Int {
    match n {
        x if x + 1 => 1,
        _ => 0,
    }
}
