// Recursive Fibonacci: call overhead. Prints 832040.
fn fib(n: Int) -> Int {
    if n < 2 { n } else { fib(n - 1) + fib(n - 2) }
}

fn main() {
    println(fib(30));
}
