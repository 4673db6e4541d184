#!/usr/bin/python3
"""Expected rows of a seeded random split and random k-fold, for tests/engine/test-split.c.

An independent Python transcription of the algorithms documented in docs/pipeline-spec.md
("Splits and folds"), on top of the xoshiro256** transcription in rng_reference.py:
Lemire's unbiased bounded integers, a Fisher–Yates shuffle from the last item down, parts
cut from the shuffled order (train first, then validation, then test), folds as
scikit-learn's KFold cuts the shuffled order (the first n mod k folds one row longer).
Run: /usr/bin/python3 tests/reference/split_reference.py
"""
import math
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from rng_reference import M, splitmix64, xoshiro  # noqa: E402


class Rng:
    def __init__(self, seed):
        st, self.s = seed, []
        for _ in range(4):
            st, z = splitmix64(st)
            self.s.append(z)

    @classmethod
    def stream(cls, seed, stream):
        _, z = splitmix64(seed)
        return cls(z ^ ((stream * 0xD1B54A32D192ED03) & M))

    def next(self):
        return xoshiro(self.s, 1)[0]

    def below(self, bound):
        m = self.next() * bound
        low = m & M
        if low < bound:
            threshold = ((1 << 64) - bound) % bound
            while low < threshold:
                m = self.next() * bound
                low = m & M
        return m >> 64

    def shuffle(self, items):
        for i in range(len(items), 1, -1):
            j = self.below(i)
            items[i - 1], items[j] = items[j], items[i - 1]


def share(n, fraction):
    return math.floor(n * fraction + 0.5)


def random_split(n, seed, valid=0.15, test=0.15):
    order = list(range(n))
    Rng(seed).shuffle(order)
    n_test, n_valid = share(n, test), share(n, valid)
    n_train = n - n_test - n_valid
    return (sorted(order[:n_train]), sorted(order[n_train:n_train + n_valid]),
            sorted(order[n_train + n_valid:]))


def random_folds(n, k, seed):
    order = list(range(n))
    Rng.stream(seed, 1).shuffle(order)
    folds, start = [], 0
    for f in range(k):
        size = n // k + (1 if f < n % k else 0)
        folds.append(sorted(order[start:start + size]))
        start += size
    return folds


if __name__ == '__main__':
    print('random split, 20 rows, seed 42:', random_split(20, 42))
    print('random split, 20 rows, seed 7:', random_split(20, 7))
    print('random 3-fold, 10 rows, seed 42:', random_folds(10, 3, 42))
