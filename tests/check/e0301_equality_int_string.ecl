fn main() {
    let same = 1 == "a"
}
