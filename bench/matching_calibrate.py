"""Fit the calibration of the fit percentage on dev seeds of noisy ESCO passports; check it on test seeds.

For each passport its top-20 occupations are scored; an occupation "fits" when it is the source occupation
or in the same ISCO unit group. A logistic map from log(score) to that chance is fitted on the dev seeds
(the numbers in MatchSettings.calibration_*), then a reliability table on the test seeds shows predicted
against observed shares per tenth.

    .venv/bin/python bench/matching_calibrate.py [--esco DIR] [--n 2000] [--dev 11] [--test 21]
        [--specificity X]

``--specificity X`` scores with ``MatchSettings.specificity`` X (default: the engine's), to refit the map for
another setting; the reliability table is then of the shipped numbers at X.
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path

import numpy as np

from techtalent.matching.engine import (
    Calibration,
    MatchModel,
    fit_calibration,
    noisy_passports,
    with_settings,
)
from techtalent.matching.engine.scoring import score_passports, top_k_indices
from techtalent.matching.esco_files import model_from_esco_csv

DEFAULT_ESCO = Path(__file__).resolve().parents[2] / "shared" / "data" / "esco" / "v1.1.1"


def outcomes(model: MatchModel, seed: int, n: int) -> tuple[np.ndarray, np.ndarray]:
    passports = noisy_passports(model, n=n, seed=seed)
    index, values = top_k_indices(score_passports(model, [p.skills for p in passports]), 20)
    codes = np.array([model.isco.get(u, "") for u in model.occupations])
    source = np.array([model.occupation_index[p.source] for p in passports])
    fits = (index == source[:, None]) | (codes[index] == codes[source][:, None])
    return values.ravel(), fits.ravel()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--esco", type=Path, default=DEFAULT_ESCO)
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--dev", type=int, default=11)
    parser.add_argument("--test", type=int, default=21)
    parser.add_argument("--specificity", type=float, default=None, help="specificity to fit for")
    args = parser.parse_args()
    model = model_from_esco_csv(args.esco)
    if args.specificity is not None:
        model = with_settings(model, replace(model.settings, specificity=args.specificity))
    print(f"specificity {model.settings.specificity:g}")
    fitted = fit_calibration(*outcomes(model, args.dev, args.n))
    s = model.settings
    shipped = Calibration(s.calibration_intercept, s.calibration_slope)
    print(f"fitted on seed {args.dev}: intercept {fitted.intercept:.2f}, slope {fitted.slope:.2f}")
    print(f"shipped (MatchSettings): intercept {shipped.intercept:.2f}, slope {shipped.slope:.2f}")
    scores, fits = outcomes(model, args.test, args.n)
    predicted = shipped.probability(scores)
    print(f"\nreliability on test seed {args.test} ({len(scores)} passport–occupation pairs):")
    print(f"  {'predicted':<10} {'pairs':>7} {'mean predicted':>15} {'observed':>9}")
    for low in np.arange(0.0, 1.0, 0.1):
        sel = (predicted >= low) & (predicted < low + 0.1)
        if sel.any():
            print(
                f"  {low:.1f}–{low + 0.1:.1f}   {int(sel.sum()):>7} {predicted[sel].mean():>15.3f} "
                f"{fits[sel].mean():>9.3f}"
            )
    gap = np.abs(predicted - fits).mean()
    brier = float(np.mean((predicted - fits) ** 2))
    print(f"  Brier score {brier:.3f} (mean absolute error {gap:.3f})")


if __name__ == "__main__":
    main()
