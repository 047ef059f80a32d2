# A while loop summing 1..=10,000,000. Prints 50000005000000.
def main():
    i = 1
    total = 0
    while i <= 10000000:
        total += i
        i += 1
    print(total)


main()
