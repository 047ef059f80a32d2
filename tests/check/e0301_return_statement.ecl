fn name() -> String {
    return 7
}
