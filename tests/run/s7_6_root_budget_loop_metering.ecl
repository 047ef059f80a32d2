// args: --budget energy=3mJ
fn main() {
    println("go");
    for c in "abcdef" {
        print(c);
    }
}
