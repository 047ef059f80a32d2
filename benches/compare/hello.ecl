// Start-up time. Prints hello.
fn main() {
    println("hello");
}
