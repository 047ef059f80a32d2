adaptive fn algo(n: Int) -> String {
    gpu @when(gpu_available()) @requires(energy: 0.1J) { "gpu" }
    insertion @when(n < 16) @requires(energy: 1J) { "insertion" }
    merge @requires(energy: 5J) { "merge" }
}
fn main() {
    println(algo(8), algo(100));
}
