fn main() {
    let z = 0;
    println(10 / 2);
    println(10 / z);
}
