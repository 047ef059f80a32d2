# adaptive.ecl emulated: every call prices both solutions with LANGUAGE §9.2's default price
# book (energy 1.0 per J, time 100.0 per s, carbon 50.0 per g; carbon derived from energy at
# 400 gCO2e/kWh), picks the cheaper (the first one on a tie, §8.4) and runs its body.
# Prints 500001500000.
PRICE_ENERGY, PRICE_TIME, PRICE_CARBON, INTENSITY = 1.0, 100.0, 50.0, 400.0

SOLUTIONS = [
    (2.0, 0.001, lambda x: x + 1),  # fast
    (1.0, 0.050, lambda x: x + 2),  # slow
]


def cost(energy, time):
    carbon = (energy * INTENSITY) / 3600000.0
    return 0.0 + PRICE_ENERGY * energy + PRICE_TIME * time + PRICE_CARBON * carbon


def pick(x):
    best, best_cost = None, 0.0
    for energy, time, body in SOLUTIONS:
        c = cost(energy, time)
        if best is None:
            best, best_cost = body, c
        else:
            tied = abs(c - best_cost) <= 1e-9 * max(1.0, abs(c), abs(best_cost))
            if c < best_cost and not tied:
                best, best_cost = body, c
    return best(x)


def main():
    i = 1
    total = 0
    while i <= 1000000:
        total += pick(i)
        i += 1
    print(total)


main()
