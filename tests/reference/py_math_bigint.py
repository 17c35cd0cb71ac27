# math's integer functions past 64 bits; json and random.getrandbits giving big ints.
import math
print(math.factorial(0), math.factorial(1), math.factorial(20), math.factorial(25), len(str(math.factorial(1000))), math.factorial(3000) % (10**9 + 7))
print(math.factorial(200000).bit_length())
for c in [-1, 2**63, 1.5, '3', True]:
    try: print(math.factorial(c))
    except Exception as e: print(type(e).__name__, e)
print(math.comb(100, 50), math.perm(30, 10))
print(math.gcd(2**100, 2**70 * 3), math.lcm(2**64, 3), math.isqrt(10**40), math.comb(2**70, 2) % 1000, math.perm(2**65, 1))
print(math.factorial(10**5) % 1000003)
import json, random
print(json.loads("123456789012345678901234567890"), json.loads("[-99999999999999999999]"))
random.seed(1); print(random.getrandbits(100), random.getrandbits(64))
