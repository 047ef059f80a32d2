struct P { name: String, tags: [String] }
enum Shape { Circle(Float), Dot }
fn main() {
    let s = Some(Circle(1.5));
    let a = match s { None => 0, Some(Dot) => 1, Some(Circle(r)) => 2 };
    println(a);
    let p = P { name: "n", tags: ["t"] };
    let b = match p {
        P { name: "m", .. } => 1,
    };
    println(b);
}
