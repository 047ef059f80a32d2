// String builtins (indices and lengths count Unicode scalar values) and conversions.
fn main() {
    let s = "  Hello, Wörld  "
    let t = trim(s)
    println(t, len(t), len(s))
    println(to_uppercase(t), to_lowercase(t))
    println(contains(t, "Wö"), starts_with(t, "Hell"), ends_with(t, "x"), is_empty(""))
    println(replace("a-b-c", "-", "+"), replace("aaa", "aa", "b"))
    println(split("a,,b", ","), split("one two", " "))
    println(join(["x", "y", "z"], "::"), join(["solo"], ", "))
    println(substring("eclexia", 2, 5), substring("面積計算", 1, 3), substring("abc", 1, 1) == "")
    println(chars("héllo"), len("héllo"))
    println(str_trim(" x "), str_contains("abc", "b"), str_replace("abc", "b", "B"))
    println(str_split("1;2", ";"), str_to_uppercase("up"), str_to_lowercase("DOWN"))
    println(parse_int("-42"), parse_int("+7"), parse_int("4x"), parse_int(""))
    println(parse_float("2.5"), parse_float("1e3"), parse_float("abc"))
    println(to_string(3.0) + "|" + to_string(true) + "|" + to_string('c') + "|" + to_string([1, 2]))
    println(to_string(["a"]) + to_string(1.5kJ) + to_string(Some("s")))
    println("abc" < "abd", "Z" < "a", "abc" + "def" == "abcdef", "b" >= "abc")
    println(to_int(3.7), to_int(-3.7), to_float(2))
}
