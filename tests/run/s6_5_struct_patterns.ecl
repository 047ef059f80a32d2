struct P { x: Int, y: Int }
fn where_is(p: P) -> String {
    match p {
        P { x: 0, y: 0 } => "origin",
        P { x: 0, .. } => "on y axis",
        P { x, y: 0 } => "on x axis at " + to_string(x),
        P { .. } => "elsewhere",
    }
}
fn main() {
    println(where_is(P { x: 0, y: 0 }));
    println(where_is(P { x: 0, y: 5 }));
    println(where_is(P { x: 3, y: 0 }));
    println(where_is(P { x: 1, y: 1 }));
}
