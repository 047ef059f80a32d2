fn seven() -> Int { 7 }

fn main() {
    let n: Int = seven
    (1)
}
