fn main() {
    let e = -1;
    println(2 ** 0);
    println(2 ** e);
}
