fn main() {
    let xs = [-9223372036854775807, -2];
    println(xs.sum());
}
