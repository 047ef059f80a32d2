fn main() {
    println(echo(|x: Int| x % 2, 5));
    println(echo(|s: String| len(s), "ab"));
}
