fn main() {
    println(3 / 0.0);
}
