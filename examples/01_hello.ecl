// The classic first program, written in the fn dialect with semicolons.
fn greet(name: String) -> String {
    return "Hello, " + name + "!";
}

fn main() {
    println("Hello, world!");
    println(greet("Eclexia"));
    print("no newline", 1, true);
    println();
    println("sum:", 2 + 3, "product:", 4 * 5);
    print();
    println("done");
}
