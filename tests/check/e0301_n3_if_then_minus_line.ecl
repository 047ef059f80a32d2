fn pick(c: Bool) -> String {
    if c { "a" } else { "b" }
    - 1
}
