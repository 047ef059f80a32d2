adaptive fn f() -> Int @optimize: minimize energy, maximize energy {
    a @requires(energy: 1J) { 1 }
}
