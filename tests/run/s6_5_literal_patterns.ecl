fn kind(c: Char) -> String {
    match c {
        'a' | 'e' | 'i' | 'o' | 'u' => "vowel",
        ' ' => "space",
        _ => "other",
    }
}
fn main() {
    println(kind('e'), kind(' '), kind('z'));
    let w = match "hi" { "hello" => 1, "hi" => 2, _ => 3 };
    let f = match 0.5 { -1.5 => "neg", 0.5 => "half", _ => "?" };
    let b = match (true, false) { (true, true) => "tt", (true, false) => "tf", _ => "x" };
    println(w, f, b);
    let m = match -1.5 { -1.5 => "neg", _ => "?" };
    println(m);
}
