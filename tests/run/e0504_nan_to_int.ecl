fn main() {
    let nan = sqrt(-1.0);
    println(nan);
    let i = nan as Int;
}
