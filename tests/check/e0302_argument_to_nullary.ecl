fn hello() { }

fn main() {
    hello(1)
}
