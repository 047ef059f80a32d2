struct Point { x: Int }

fn main() {
    let p = Point { x: 1 }
    if p == Point { x: 1 } {
        println("same")
    }
}
