fn main() {
    let out = [];
    for c in "héllo" {
        push(out, c);
    }
    println(out, len(out));
    for c in "ab" { print(c, "|"); }
    println();
}
