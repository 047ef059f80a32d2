fn main() {
    println(1 << 63);
    println(3 << 62, 1 << 0, 5 << 2);
    println(-8 >> 1, (1 << 63) >> 63, 256 >> 4);
    println(6 & 3, 6 | 3, 6 ^ 3, ~0, ~5);
    println(1 + 2 << 1, 1 | 2 ^ 3 & 4);
}
