fn f(v: Float) -> String {
    match v {
        1 => "one",
        _ => "other",
    }
}
