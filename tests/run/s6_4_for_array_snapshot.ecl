fn main() {
    let a = [1, 2, 3];
    for x in a {
        push(a, x * 10);
        println(x);
    }
    println(a);
}
