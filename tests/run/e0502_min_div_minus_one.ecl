fn main() {
    let m = -9223372036854775807 - 1;
    let d = -1;
    println(m / 1);
    println(m / d);
}
