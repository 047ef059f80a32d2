fn main() {
    println(len("héllo"), len(""), len("日本語"), len([1, 2, 3]));
    let m = hashmap_new();
    hashmap_insert(m, 1, 2);
    println(len(m), is_empty(""), is_empty("a"), is_empty([0]), "héllo".len());
}
