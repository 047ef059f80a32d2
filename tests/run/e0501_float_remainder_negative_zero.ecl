fn main() {
    println(5.0 % -0.0);
}
