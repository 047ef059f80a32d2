fn f() @requires(energy 10J) { }
