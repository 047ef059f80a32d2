fn main() {
    let m = -9223372036854775807 - 1;
    println(abs(m + 1));
    println(abs(m));
}
