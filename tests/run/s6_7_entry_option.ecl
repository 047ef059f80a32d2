// args: --entry alt
fn main() {
    println("main");
}
fn alt() {
    println("alt", K);
}
const K: Int = 7
