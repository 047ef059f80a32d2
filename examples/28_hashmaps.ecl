// Maps: insertion order, replacement in place, removal, structural equality, sharing.
fn main() {
    let stock: HashMap<String, Int> = hashmap_new()
    hashmap_insert(stock, "apples", 5)
    hashmap_insert(stock, "pears", 2)
    hashmap_insert(stock, "plums", 9)
    hashmap_insert(stock, "apples", 7)
    println(stock)
    println(hashmap_get(stock, "pears"), hashmap_get(stock, "kiwis"))
    println(hashmap_contains(stock, "plums"), hashmap_contains(stock, "kiwis"), hashmap_len(stock))
    println(hashmap_remove(stock, "pears"), hashmap_remove(stock, "pears"))
    println(hashmap_keys(stock), hashmap_values(stock))

    let counts: Map<Char, Int> = hashmap_new()
    for c in "banana" {
        let current = unwrap_or(hashmap_get(counts, c), 0)
        hashmap_insert(counts, c, current + 1)
    }
    println(counts)
    let other = hashmap_new()
    hashmap_insert(other, 'n', 2)
    hashmap_insert(other, 'a', 3)
    hashmap_insert(other, 'b', 1)
    let fresh: HashMap<Int, Bool> = hashmap_new()
    println(counts == other, len(counts), is_empty(fresh), fresh)

    let shared = stock
    hashmap_insert(shared, "figs", 1)
    println(hashmap_len(stock), stock.hashmap_get("figs"))
    hashmap_insert(stock, "pears", 4)
    hashmap_remove(stock, "apples")
    println(stock)
}
