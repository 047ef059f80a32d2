fn main() {
    println(16 >> 4);
    println(16 >> -1);
}
