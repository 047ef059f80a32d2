fn main() {
    println(1 + 0.5, 3 / 2.0, 2 * 1.5, 10 - 0.25);
    println(7 < 7.5, 2.0 >= 2, 1 == 1.0);
    println(min(1, 2.5), max(3, 2), max(3, 2.0), min(-1.5, 2));
    println(sqrt(16), sqrt(2), pow(2, 10));
}
