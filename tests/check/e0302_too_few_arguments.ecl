fn add(a: Int, b: Int) -> Int { a + b }

fn main() {
    let s = add(1)
}
