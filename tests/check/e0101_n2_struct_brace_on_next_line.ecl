struct P { x: Int }

fn main() {
    let p = P
    { x: 1 }
}
