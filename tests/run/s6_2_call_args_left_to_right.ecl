fn t(tag: String, v: Int) -> Int {
    print(tag);
    v
}
fn add3(a: Int, b: Int, c: Int) -> Int { a + b + c }
fn main() {
    let r = add3(t("a", 1), t("b", 2), t("c", 3));
    println();
    println(r);
    let s = t("x", 1) + t("y", 2) * t("z", 3);
    println();
    println(s);
    let arr = [t("1", 1), t("2", 2)];
    let tup = (t("3", 3), t("4", 4));
    println();
    println(arr, tup);
}
