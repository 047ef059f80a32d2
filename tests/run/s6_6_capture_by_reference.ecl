fn main() {
    let mut n = 1;
    let f = || n * 10;
    n = 5;
    println(f());
    let set = |v: Int| { n = v };
    set(7);
    println(n, f());
    let x = 1;
    let g = || x;
    let x = 2;
    println(g(), x);
}
