"""Calibration: a ranking score as the chance that the occupation fits, learnt from noisy passports.

``fit_percentage = 1 / (1 + exp(−(intercept + slope · log(score))))``: fitted (logistic regression, Newton's
method) on the top-20 occupations of noisy passports, where an occupation "fits" when it is the passport's
source occupation or in the same ISCO unit group. So "70 %" means: of the passports that score like this
against an occupation, about 70 % came from that kind of job. `bench/matching_calibrate.py` fits the numbers
on dev seeds and checks them on test seeds.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["Calibration", "fit_calibration"]

_FLOOR = 1e-6


@dataclass(frozen=True)
class Calibration:
    """Logistic map from log(score) to a probability."""

    intercept: float
    slope: float

    def probability(self, scores: np.ndarray) -> np.ndarray:
        """The calibrated probability of each score."""
        z = self.intercept + self.slope * np.log(np.maximum(scores, _FLOOR))
        result: np.ndarray = 1.0 / (1.0 + np.exp(-z))
        return result

    def percentage(self, score: float) -> int:
        """One score as a whole percentage."""
        return round(100 * float(self.probability(np.asarray([score]))[0]))


def fit_calibration(scores: np.ndarray, fits: np.ndarray, *, iterations: int = 25) -> Calibration:
    """Fit the logistic map on scores and 0/1 outcomes (Newton–Raphson with a tiny ridge)."""
    x = np.log(np.maximum(np.asarray(scores, dtype=np.float64), _FLOOR))
    y = np.asarray(fits, dtype=np.float64)
    if x.shape != y.shape or not len(x):
        raise ValueError("scores and fits must be non-empty and of the same length")
    design = np.column_stack([np.ones_like(x), x])
    beta = np.zeros(2)
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-(design @ beta)))
        gradient = design.T @ (y - p)
        hessian = design.T @ (design * (p * (1 - p))[:, None]) + 1e-9 * np.eye(2)
        step = np.linalg.solve(hessian, gradient)
        beta += step
        if np.abs(step).max() < 1e-10:
            break
    return Calibration(float(beta[0]), float(beta[1]))
