fn main() {
    let d = 12furlongs
}
