// Arrays (shared references), repeat arrays, indexing and index assignment, tuples.
fn fill(a: [Int], v: Int) {
    for i in 0..len(a) { a[i] = v }
}

fn main() {
    let xs = [10, 20, 30]
    let zeros = [0; 5]
    println(xs, zeros, len(zeros))
    xs[1] = 25
    xs[2] += 5
    println(xs[0] + xs[1] + xs[2])
    let alias = xs
    push(alias, 40)
    println(xs, len(xs))
    println(pop(xs), xs)

    let grid = [[1, 2], [3, 4]]
    grid[1][0] = 30
    println(grid, grid[1][0])

    let buf = [1, 2, 3]
    fill(buf, 7)
    println(buf)

    let t = (1, "two", 3.0)
    println(t.0, t.1, t.2, t)
    let nested = ((1, 2), (3, (4, 5)))
    println(nested.1.1.0, nested.0.1)
    let mut pt = (0, 0)
    pt.0 = 7
    pt.1 += 2
    println(pt)
    let copy_of_pt = pt
    pt.0 = 100
    println(copy_of_pt.0, pt.0)
    let one = (5,)
    println(one, ())

    let (a, b) = (1, 2)
    let (p, (q, _)) = (3, (4, 5))
    println(a + b + p + q)

    let empty: [String] = []
    println(empty, is_empty(empty), [[1], []])
    let rev = reverse(xs)
    push(rev, 0)
    println(xs, rev)
    println(contains(xs, 25), xs == [10, 25, 35], [1, 2] != [1, 2, 3])
}
