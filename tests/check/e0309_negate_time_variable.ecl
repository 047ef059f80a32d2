fn main() {
    let t = 5s
    let u = -t
}
