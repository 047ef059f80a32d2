adaptive fn mode(n: Int) -> Int {
    fast @when(n) @requires(energy: 1J) { 1 }
}
