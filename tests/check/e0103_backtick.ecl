fn main() {
    println(`)
}
