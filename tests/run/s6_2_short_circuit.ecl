fn side(tag: String, v: Bool) -> Bool {
    print(tag);
    v
}
fn main() {
    let a = side("L", false) && side("R", true);
    let b = side("L", true) || side("R", true);
    let c = side("L", true) and side("R", false);
    let d = side("L", false) or side("R", true);
    println();
    println(a, b, c, d);
}
