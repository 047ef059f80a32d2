fn main() {
    let n = -1;
    println(n as Char);
}
