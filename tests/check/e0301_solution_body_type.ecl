adaptive fn mode() -> Int {
    fast @requires(energy: 1J) { "fast" }
}
