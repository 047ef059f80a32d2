fn main() {
    println(2 ** 62);
    println(2 ** 63);
}
