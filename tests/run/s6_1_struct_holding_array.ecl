struct Bag { items: [Int], label: String }
fn main() {
    let a = Bag { items: [1], label: "a" };
    let b = a;
    b.label = "b";
    push(b.items, 2);
    println(a);
    println(b);
}
