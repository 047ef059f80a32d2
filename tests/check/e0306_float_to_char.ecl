fn main() {
    let c = 2.5 as Char
}
