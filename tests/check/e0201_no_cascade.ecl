fn main() {
    let watts = 5W
    let used = watts * hours
    let n: Int = used
}
