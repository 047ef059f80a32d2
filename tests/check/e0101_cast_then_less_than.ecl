fn main() {
    let y = 2
    let b = (1 as Int < y)
}
