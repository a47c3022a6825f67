"""Fixtures for the RNN tests."""

import pytest
from rnn_helpers import random_problem


@pytest.fixture
def problem():
    """A fixed small float64 problem: V=5, H=4, T=6, non-zero h0."""
    return random_problem(5, 4, 6, seed=7)
