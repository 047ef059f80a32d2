struct Point { x: Int }

fn main() {
    let p = Point
}
