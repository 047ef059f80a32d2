fn main() {
    let inner = [1];
    let outer = [inner, inner];
    push(inner, 2);
    println(outer);
    outer[0][0] = 9;
    println(inner, outer);
    let copy = outer[1];
    copy[1] = 7;
    println(outer);
}
