fn main() {
    println(substring("héllo", 1, 3), substring("abc", 3, 3), substring("abc", 0, 3));
    println(chars("aé"), contains("héllo", "él"), contains("abc", ""), starts_with("abc", "ab"), ends_with("abc", "bc"));
    println(contains([1, 2, 3], 2), contains(["x"], "y"));
}
