fn f(x: Option<Option<Int>>>) -> Int { 0 }
