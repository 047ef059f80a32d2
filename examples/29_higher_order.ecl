// map / filter / fold / sum / sort / reverse / range and their aliases.
fn main() {
    let xs = [5, 3, 8, 1, 9, 2]
    let doubled = map(xs, |x| x * 2)
    let evens = filter(xs, |x| x % 2 == 0)
    let total = fold(xs, 0, |acc, x| acc + x)
    println(doubled, evens, total)
    println(sum(xs), sort(xs), reverse(xs), xs)
    let fs = [1.5, 2.5]
    println(map(fs, |x| x * 2.5), sum(fs))
    let energies = [1J, 2.5J, 500mJ]
    println(sum(energies), sort(energies))
    println(array_map(xs, fn(x) -> x + 1), array_filter(xs, |x| x > 4), array_sum([1, 2]))
    println(range(4), range(2, 5), range(3, 1))
    let words = ["pear", "fig", "apple"]
    println(sort(words), map(words, |w| len(w)))
    let joined = fold(words, "", |acc, w| if acc == "" { w } else { acc + "," + w })
    println(joined)
    let empty: [Int] = []
    println(sum(empty), sum(map(empty, |x| x * 1.5)))
    println(sort(['c', 'a', 'b']), sort([2.5, -1.0, 0.5]))
    let count_long = |ws: [String]| len(filter(ws, |w| len(w) > 3))
    println(count_long(words))
}
