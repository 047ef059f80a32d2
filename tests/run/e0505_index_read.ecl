fn main() {
    let a = [1, 2, 3];
    println(a[2]);
    println(a[3]);
}
