//! Program generators shared by the benchmarks.

use std::fmt::Write as _;

/// A realistic program of about `lines` lines: functions with arithmetic, resource
/// literals, branches, loops, structs, closures and calls, in both dialects.
pub fn generated_program(lines: usize) -> String {
    let mut s = String::with_capacity(lines * 40);
    s.push_str("struct Reading { energy: Resource<Energy>, time: Resource<Time>, label: String }\n\n");
    let mut n = 2;
    let mut i = 0;
    while n < lines {
        if i % 2 == 0 {
            let _ = write!(
                s,
                "fn work{i}(x: Int, e: Resource<Energy>) -> Int {{\n\
                 \x20   let mut acc = x * 3 + {i}\n\
                 \x20   let power = e / 2s\n\
                 \x20   if power > 10W {{\n\
                 \x20       acc = acc + 1\n\
                 \x20   }} else {{\n\
                 \x20       acc = acc - 1\n\
                 \x20   }}\n\
                 \x20   for k in 0..x {{ acc += k % 7 }}\n\
                 \x20   let r = Reading {{ energy: e + 5J, time: 250ms, label: \"w{i}\" }}\n\
                 \x20   let f = |y: Int| y * 2 + acc\n\
                 \x20   f(acc) + len(r.label)\n\
                 }}\n\n"
            );
            n += 14;
        } else {
            let _ = write!(
                s,
                "def helper{i}(a: Float, b: Float) -> Float {{\n\
                 \x20   let c = a * b + 1.5\n\
                 \x20   while c > 100.0 {{\n\
                 \x20       c = c / 2.0\n\
                 \x20   }}\n\
                 \x20   match work{prev}(3, 10J) {{\n\
                 \x20       0 => c,\n\
                 \x20       n if n > 10 => c + (n as Float),\n\
                 \x20       _ => c - 1.0,\n\
                 \x20   }}\n\
                 }}\n\n",
                prev = i - 1
            );
            n += 12;
        }
        i += 1;
    }
    s
}
