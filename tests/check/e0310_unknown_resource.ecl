fn f() @requires(bandwidth: 10B) { }
