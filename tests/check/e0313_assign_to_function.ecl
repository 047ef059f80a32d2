fn greet() { }

fn main() {
    greet = || { }
}
