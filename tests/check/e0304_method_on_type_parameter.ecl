fn size<T>(x: T) -> Int {
    x.len()
}
