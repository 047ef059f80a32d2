struct P { x: Int, y: Int }
fn t(tag: String, v: Int) -> Int {
    print(tag);
    v
}
fn main() {
    let p = P { y: t("y", 2), x: t("x", 1) };
    println();
    println(p);
}
