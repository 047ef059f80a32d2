fn main() {
    println(parse_int("42"), parse_int("+7"), parse_int("-0"), parse_int("-15"), parse_int("007"));
    println(parse_int(" 1"), parse_int("1.0"), parse_int(""), parse_int("-"), parse_int("0x10"), parse_int("1_000"), parse_int("1 "));
    println(parse_int("9223372036854775807"), parse_int("9223372036854775808"), parse_int("-9223372036854775808"), parse_int("-9223372036854775809"));
}
