fn main() {
    let e: [String] = [];
    let s = e[0];
}
