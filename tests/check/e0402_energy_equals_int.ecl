fn main() {
    let same = 1J == 1
}
