fn main() {
    let m = -9223372036854775807 - 1;
    println(m);
    let r = m - 1;
}
