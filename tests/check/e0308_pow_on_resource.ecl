fn main() {
    let x = 2J ** 2
}
