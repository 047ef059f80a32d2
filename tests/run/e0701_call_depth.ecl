// args: --max-call-depth 5
fn down(n: Int) {
    println(n);
    down(n + 1);
}
fn main() { down(1) }
