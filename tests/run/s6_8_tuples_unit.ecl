fn main() {
    println((1, "a"), (1,), ((1, 2), 'c'), ());
    let t = (1.5, true, [()]);
    println(t, t.0, t.2);
}
