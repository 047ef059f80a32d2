fn f(c: Bool) {
    let v: Int = if c { 1 }
}
