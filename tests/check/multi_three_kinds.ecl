fn main() {
    let x: Int = "a"
    let y = undefined_thing
    let z = -3J
}
