adaptive fn nothing() -> Int {
}
