fn helper() -> Int { 1 }

fn helper() -> Int { 2 }
