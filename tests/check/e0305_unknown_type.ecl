fn main() {
    let s: Strin = "a"
}
