fn main() {
    let a = [1, 2];
    let b = a;
    push(b, 3);
    println(a, len(a));
    b[0] = 10;
    println(a);
    let p = pop(a);
    println(p, b);
}
