fn main() {
    let nan = sqrt(-1.0);
    println(round(nan));
}
