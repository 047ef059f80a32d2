fn main() {
    println(floor(1e15));
    println(floor(1e300));
}
