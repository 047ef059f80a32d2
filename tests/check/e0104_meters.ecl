fn main() {
    let d = 5m
}
