fn main() {
    let big = 9223372036854775807;
    println(big - 1 + 1);
    println(big + 1);
}
