fn main() {
    let big = 1e308 * 10.0;
    println(-big as Int);
}
