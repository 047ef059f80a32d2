fn main() {
    let a = [4, 2, 0];
    let mut acc = 100;
    for d in a {
        println(acc / d);
    }
}
