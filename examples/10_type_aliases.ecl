// Type aliases (transparent), generic aliases, and struct/enum declarations through `type`.
type Meters = Float
type Joules = Resource<Energy>
type Grid<T> = [[T]]
type Pair2 = (Int, Int)
type Vec2 = { x: Float, y: Float }
type Vec3 = struct { x: Float, y: Float, z: Float };
type Signal = enum { On, Off, Level(Int) }
type Callback = fn(Int) -> Int;
type Lookup[V] = HashMap<String, V>

fn total(g: Grid<Int>) -> Int {
    let mut s = 0
    for row in g {
        for v in row { s += v }
    }
    s
}

fn level(s: Signal) -> Int {
    match s {
        On => 100,
        Off => 0,
        Signal::Level(n) => n,
    }
}

fn main() {
    let d: Meters = 12.5
    let plain: Float = d * 2.0
    let e: Joules = 3kJ
    let g: Grid<Int> = [[1, 2], [3, 4]]
    let pr: Pair2 = (5, 6)
    let v = Vec2 { x: 1.5, y: -2.0 }
    let w = Vec3 { x: 0.0, y: 1.0, z: 2.0 }
    let sigs = [On, Off, Level(3), Signal::Level(7)]
    let cb: Callback = |n| n * 4
    let table: Lookup[Int] = hashmap_new()
    hashmap_insert(table, "one", 1)
    println(d, plain, e, total(g), pr.0 + pr.1)
    println(v)
    println(w)
    println(sigs, map(sigs, level))
    println(cb(5), table)
}
