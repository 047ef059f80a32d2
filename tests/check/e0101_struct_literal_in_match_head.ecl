struct Point { x: Int }

fn main() {
    match Point { x: 1 } {
        _ => println("any"),
    }
}
