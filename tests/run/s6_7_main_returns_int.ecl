fn main() -> Int {
    println("hi");
    42
}
