fn main() {
    let m = hashmap_new();
    hashmap_insert(m, "one", 1);
    hashmap_insert(m, "two", 2);
    hashmap_insert(m, "three", 3);
    hashmap_insert(m, "one", 11);
    println(m, hashmap_len(m));
    println(hashmap_get(m, "two"), hashmap_get(m, "four"), hashmap_contains(m, "three"), hashmap_contains(m, "x"));
    println(hashmap_remove(m, "two"), hashmap_remove(m, "two"), m);
    hashmap_insert(m, "two", 22);
    println(hashmap_keys(m), hashmap_values(m));
    let k: HashMap<Int, Bool> = hashmap_new();
    println(k, hashmap_len(k), hashmap_get(k, 1), is_empty(k));
}
