fn main() {
    let mut s = "a"
    s = 5
}
