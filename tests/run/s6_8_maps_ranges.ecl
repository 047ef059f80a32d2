fn main() {
    let m = hashmap_new();
    hashmap_insert(m, "b", 2);
    hashmap_insert(m, "a", 1);
    let e: HashMap<Int, String> = hashmap_new();
    println(m, e);
    hashmap_insert(e, 1, "x");
    println(e, [m]);
    println(0..5, 1..=3, -2..2);
}
