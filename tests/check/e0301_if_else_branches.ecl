fn pick(c: Bool) {
    let v = if c { 1 } else { "one" }
}
