fn main() {
    let xs = [9223372036854775807, 1];
    println(sum([9223372036854775807, 0]));
    println(sum(xs));
}
