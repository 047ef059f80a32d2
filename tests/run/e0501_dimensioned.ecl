fn main() {
    let e = 5J;
    println(e / 2s);
    println(e / 0J);
}
