fn main() {
    println(1114111 as Char as Int);
    println(1114112 as Char);
}
