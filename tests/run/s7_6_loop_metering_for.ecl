def walk() @requires: energy < 2mJ {
    for i in 0..10 {
        println(i)
    }
}
def main() {
    walk()
}
