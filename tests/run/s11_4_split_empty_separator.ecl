fn main() {
    let parts = split("abc", "");
    println(parts);
}
