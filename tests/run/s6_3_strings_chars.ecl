fn main() {
    println("abc" < "abd", "Z" < "a", "ab" < "abc", "b" > "abc");
    println("con" + "cat", 'a' < 'b', 'é' > 'z');
    let s = "x";
    s += "y";
    println(s);
}
