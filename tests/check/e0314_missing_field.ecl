struct Point { x: Int, y: Int }

fn main() {
    let p = Point { x: 1 }
}
