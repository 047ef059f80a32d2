struct P { x: Int, y: Int }
fn main() {
    let p = P { x: 1, y: 2 };
    let q = p;
    q.x = 9;
    println(p, q);
    let t = (1, 2);
    let u = t;
    u.0 = 5;
    println(t, u);
}
