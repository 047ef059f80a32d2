struct Counter { n: Int }
fn bump(c: Counter) -> Int {
    c.n = c.n + 1;
    c.n
}
fn add_item(xs: [Int]) {
    push(xs, 99);
}
fn main() {
    let c = Counter { n: 1 };
    println(bump(c), c.n);
    let xs = [1];
    add_item(xs);
    println(xs);
}
