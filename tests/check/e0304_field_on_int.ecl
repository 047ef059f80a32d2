fn main() {
    let n = 5
    let v = n.value
}
