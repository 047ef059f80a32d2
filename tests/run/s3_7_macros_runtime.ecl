macro square {
    ($x:expr) => { $x * $x }
}
macro pick {
    ($a:expr) => { $a },
    ($a:expr, $b:expr) => { $a + $b }
}
fn noisy(v: Int) -> Int {
    print("n");
    v
}
fn main() {
    println(square!(1 + 2), pick!(5), pick!(5, 6));
    let s = square!(noisy(3));
    println();
    println(s);
}
