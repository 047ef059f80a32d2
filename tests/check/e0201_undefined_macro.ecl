fn main() {
    let v = shout!("hi")
}
