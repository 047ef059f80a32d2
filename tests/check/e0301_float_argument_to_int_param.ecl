fn square(x: Int) -> Int { x * x }

fn main() {
    println(square(3.14))
}
