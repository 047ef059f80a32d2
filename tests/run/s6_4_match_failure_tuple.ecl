fn main() {
    let t = ("x", 'c', 3);
    let n = match t {
        ("y", _, _) => 1,
        (_, 'd', _) => 2,
        (_, _, k) if k > 5 => 3,
    };
    println(n);
}
