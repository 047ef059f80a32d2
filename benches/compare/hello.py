# Start-up time. Prints hello.
print("hello")
