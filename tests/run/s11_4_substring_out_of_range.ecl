fn main() {
    let s = "abc";
    println(substring(s, 1, 3));
    println(substring(s, 1, 5));
}
