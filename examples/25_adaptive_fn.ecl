// Adaptive functions in the fn dialect: short solutions, `@optimize(...)`, guards and caps.
// Without @optimize every resource has weight 1 (LANGUAGE §8.4 worked example: cpu wins).
adaptive fn render(w: Int) -> String {
    gpu   @requires(energy: 90J, time: 2ms)   { "gpu" }
    cpu   @requires(energy: 25J, time: 30ms)  { "cpu" }
    cache @requires(energy: 3J,  time: 400ms) { "cache" }
}

// gpu is not eligible (gpu_available() is false by default); turbo exceeds the 50J cap.
@requires(energy: 50J)
adaptive fn fast_render(w: Int) -> String @optimize(minimize latency) {
    gpu @when(gpu_available()) @requires(energy: 40J, time: 1ms) { "gpu" }
    turbo @requires(energy: 60J, time: 2ms) { "turbo" }
    cpu @when(w <= 1920) @provides(energy: 25J, time: 30ms) { "cpu" }
    cache @requires(energy: 3J, time: 400ms) { "cache" }
}

adaptive fn threads(n: Int) -> Int @optimize(minimize energy, maximize compute) {
    many @when(cpu_cores() > 1) @requires(energy: 2J, compute: 8CU) { n * 8 }
    one @requires(energy: 1J, compute: 1CU) { n }
}

fn main() {
    println(render(1920));
    println(fast_render(1080), fast_render(4000));
    println(threads(3));
    println(render, cpu_cores(), gpu_available());
}
