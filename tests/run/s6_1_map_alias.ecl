fn fill(m: HashMap<String, Int>) {
    hashmap_insert(m, "z", 26);
}
fn main() {
    let m = hashmap_new();
    hashmap_insert(m, "a", 1);
    let alias = m;
    hashmap_insert(alias, "b", 2);
    fill(m);
    println(m, hashmap_len(alias));
}
