fn five() { 5 }

fn main() {
    let n: Int = five()
}
