fn main() {
    let xs = [1.0, sqrt(-1.0), 0.5];
    println(len(xs));
    let s = sort(xs);
    println(s);
}
