fn main() {
    let a = [];
    push(a, "x");
    a.push("y");
    println(a);
    println(pop(a));
    println(a);
    println(a.pop(), pop(a));
    println(a);
    let b = [0; 3];
    b[1] = 5;
    println(b, len(b));
}
