// String and character literals (LANGUAGE §2.7) and their display (§6.8).
fn main() {
    println("tab:\there")
    println("quote: \" backslash: \\ apostrophe: \'")
    println("hex: \x41\x42 unicode: \u{3C0} \u{1F600}")
    // control characters are checked rather than printed
    println(len("a\rb"), len("nul\0"), "\r" == "\u{D}", "\0" == "\x00", "\n" == "\u{a}")
    println("line one\nline two")
    let multi = "first
second"
    println(multi)
    println(r"raw \n stays \t")
    println(r#"she said "hi" \o/"#)
    let c = 'x'
    let nl = '\n'
    let pi_char = '\u{3C0}'
    println(c, pi_char, '\'', '"', nl == '\n', '\\' == "\\".chars()[0])
    // inside containers strings and chars are quoted and escaped
    println(['a', '\'', '\t'], ["q\"uote", "new\nline", "back\\slash", "tab\tx"])
    println(("pair", 'c'), [r"C:\dir"])
    println(Some("text"), Ok('z'), [Some('\n')])
    let e: Result<Int, String> = Err("bad")
    println(e)
    println(to_string(42) + "!", "é and 面" + "")
    println("a" + "b" + "c" + "")
}
