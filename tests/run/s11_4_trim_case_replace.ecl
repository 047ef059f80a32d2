fn main() {
    println("[" + trim("  hi there \t\n") + "]", to_uppercase("héllo"), to_lowercase("ABC déF"));
    println(replace("aaa", "aa", "b"), replace("a.b.c", ".", "::"), replace("abc", "x", "y"));
    println(str_trim(" x "), str_to_uppercase("a"), str_to_lowercase("B"), str_replace("aa", "a", "b"), str_contains("abc", "c"));
    println("mIxEd".to_lowercase(), " pad ".trim().len());
}
