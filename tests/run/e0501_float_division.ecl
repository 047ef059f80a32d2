fn main() {
    let x = 1.0;
    println(x / 2.0);
    println(x / 0.0);
}
