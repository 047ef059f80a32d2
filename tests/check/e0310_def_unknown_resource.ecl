def f() @requires: power < 5W { }
