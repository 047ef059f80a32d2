fn main() {
    println(9.2e18 as Int);
    println(1e19 as Int);
}
