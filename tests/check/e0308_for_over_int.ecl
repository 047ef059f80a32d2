fn main() {
    for i in 10 {
        println(i)
    }
}
