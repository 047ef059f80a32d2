fn main() {
    let z = 0;
    let r = 7 % z;
    println(r);
}
