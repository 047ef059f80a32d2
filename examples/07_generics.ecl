// Generic functions, structs and enums with both bracket styles; `>>` closing nested arguments.
struct Pair<A, B> { first: A, second: B }
struct Boxed[T] { value: T }
enum Tree<T> { Leaf(T), Node(Tree<T>, Tree<T>) }

fn swap<A, B>(p: Pair<A, B>) -> Pair<B, A> {
    Pair { first: p.second, second: p.first }
}

fn wrap[T](v: T) -> Boxed[T] { Boxed { value: v } }

fn first_or<T>(xs: [T], fallback: T) -> T {
    if len(xs) > 0 { xs[0] } else { fallback }
}

fn count_leaves<T>(t: Tree<T>) -> Int {
    match t {
        Leaf(_) => 1,
        Node(l, r) => count_leaves(l) + count_leaves(r),
    }
}

fn flatten(o: Option<Option<Int>>) -> Option<Int> {
    match o {
        Some(inner) => inner,
        None => None,
    }
}

fn identity<T: Clone + Debug>(x: T) -> T { x }

fn pairs<K, V,>(k: K, v: V) -> [(K, V)] { [(k, v)] }

fn main() {
    let p = Pair { first: 1, second: "one" }
    println(swap(p))
    let b: Boxed<Float> = wrap(2.5)
    println(b, b.value)
    println(first_or([3, 4], 0), first_or([], "none"))
    let t = Node(Leaf(1), Node(Leaf(2), Leaf(3)))
    println(count_leaves(t))
    let nested: Option<Option<Int>> = Some(Some(7))
    println(nested, flatten(nested), flatten(Some(None)))
    let deep: Vec<Option<Result<Int, String>>> = [Some(Ok(1)), None, Some(Err("e"))]
    println(deep)
    println(identity(9), identity("nine"))
    let pf: Pair[Int, Float] = Pair { first: 1, second: 2.0 }
    println(pf.first, pf.second, pairs('k', true))
}
