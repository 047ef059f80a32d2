// args: --fuel 3
fn f() { println("f") }
fn main() {
    f();
    f();
    f();
}
