fn grade(n: Int) {
    let g = if n > 90 { "A" } else if n > 80 { 2 } else { 3 }
}
