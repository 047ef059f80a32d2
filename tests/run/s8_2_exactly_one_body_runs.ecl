adaptive fn work(x: Int) -> Int {
    fast @requires(energy: 5J) {
        println("fast body");
        x * 2
    }
    slow @requires(energy: 9J) {
        println("slow body");
        x * 3
    }
}
fn main() {
    println(work(1));
    println(work(2));
    println(resource_used(energy));
}
