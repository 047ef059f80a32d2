fn main() {
    let n = 64;
    println(1 << 63 >> 63);
    println(1 << n);
}
