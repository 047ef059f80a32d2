@cached
fn slow() -> Int { 42 }
