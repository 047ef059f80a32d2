fn main() {
    println(replace("abc", "b", ""));
    println(replace("abc", "", "x"));
}
