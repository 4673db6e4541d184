#!/usr/bin/python3
"""Reference outputs of SplitMix64-seeded xoshiro256** for tests/engine/test-rng.c.

Written from the published algorithms (https://prng.di.unimi.it/xoshiro256starstar.c and
splitmix64.c, Blackman & Vigna 2018) in plain Python integers, independently of the C code.
Run: /usr/bin/python3 tests/reference/rng_reference.py
"""
M = (1 << 64) - 1


def rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & M


def splitmix64(state):
    state = (state + 0x9E3779B97F4A7C15) & M
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
    return state, z ^ (z >> 31)


def xoshiro(s, n):
    out = []
    for _ in range(n):
        r = (rotl((s[1] * 5) & M, 7) * 9) & M
        t = (s[1] << 17) & M
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 45)
        out.append(r)
    return out


if __name__ == "__main__":
    print("state {1,2,3,4}:", xoshiro([1, 2, 3, 4], 3))
    st, s = 42, []
    for _ in range(4):
        st, z = splitmix64(st)
        s.append(z)
    print("seed 42:", xoshiro(s, 5))
