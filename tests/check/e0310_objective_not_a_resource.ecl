adaptive fn f() -> Int @optimize(minimize speed) {
    a @requires(energy: 1J) { 1 }
}
