// The library's loops charge loop energy like any other code (§7.6); an error inside it
// is reported at the user's call into the library.
use std::text::repeat
@requires(energy: 2mJ)
fn stars(n: Int) -> String { repeat("*", n) }
fn main() {
    println(stars(2))
    println(stars(3))
}
