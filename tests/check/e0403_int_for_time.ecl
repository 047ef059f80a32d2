fn main() {
    let t: Time = 5
}
