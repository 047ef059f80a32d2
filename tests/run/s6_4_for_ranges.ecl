fn main() {
    for i in 1..=3 { print(i); }
    println();
    for i in 3..3 { print("never"); }
    for i in 5..2 { print("never"); }
    for i in 2..=1 { print("never"); }
    for i in -2..1 { print(i, ""); }
    println();
    let r = 0..4;
    let mut n = 0;
    for i in r { n += i; }
    println(n, r);
}
