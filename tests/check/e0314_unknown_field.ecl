struct Point { x: Int, y: Int }

fn main() {
    let p = Point { x: 1, y: 2, z: 3 }
}
