fn main() -> Float {
    1.0
}
