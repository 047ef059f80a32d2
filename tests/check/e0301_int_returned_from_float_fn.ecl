fn ratio() -> Float {
    42
}
