fn main() {
    println("a\"b", 'q', "tab\there");
    println(["a\"b", "x\\y", "l\nm", "t\tz", "c\rr", "it's"]);
    println(['a', '\'', '\\', '\n', '\t', 'é']);
    println(("s", 'c'), Some("x"), [["in"]]);
    println("line1\nline2");
    println(r"raw \n stays");
}
