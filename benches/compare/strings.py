# Appends one character to a string 200,000 times. Prints 200000.
def main():
    s = ""
    i = 0
    while i < 200000:
        s = s + "x"
        i += 1
    print(len(s))


main()
