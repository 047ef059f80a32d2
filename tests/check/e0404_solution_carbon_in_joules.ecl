adaptive fn f() -> Int {
    a @requires(carbon: 1J) { 1 }
}
