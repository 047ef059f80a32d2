adaptive fn f() -> Int {
    fast @requires(energy: 1J) { 1 }
    fast @requires(energy: 2J) { 2 }
}
