fn main() {
    let a = [1, 2, 3];
    a[0] = 7;
    println(a);
    a[-1] = 0;
}
