enum Color { Red, Green }
fn name(c: Color) -> String {
    match c {
        Red => "red",
        other => "not red",
    }
}
fn main() {
    println(name(Red), name(Green), name(Color::Red));
    let o: Option<Int> = None;
    let r = match o { None => "none", Some(v) => "some" };
    println(r);
}
