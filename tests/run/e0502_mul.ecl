fn main() {
    let x = 4611686018427387904;
    println(x * -2);
    println(x * 2);
}
