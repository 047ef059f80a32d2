def f() @requires: energy < 5s { }
