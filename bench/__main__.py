"""``python -m bench``: print every benchmark figure the issues ask for, with targets."""

from __future__ import annotations

import argparse

TARGETS = {
    "reference_evaluate_ms": ("≤ 5 ms", lambda v: v <= 5),
    "large_evaluate_ms": ("≤ 150 ms", lambda v: v <= 150),
    "large_recompute_ms": ("≤ 20 ms", lambda v: v <= 20),
    "speedup_vs_python": ("≥ 10×", lambda v: v >= 10),
    "cold_cli_s": ("≤ 0.6 s", lambda v: v <= 0.6),
    "cold_large_cli_s": ("≤ 0.4 s", lambda v: v <= 0.4),
    "cold_large_cli_mib": ("≤ 150 MiB", lambda v: v <= 150),
    "cold_large_vs_python": ("≥ 3×", lambda v: v >= 3),
    "app_keypress_reference_ms": ("≤ 10 ms", lambda v: v <= 10),
    "app_keypress_large_ms": ("≤ 17 ms", lambda v: v <= 17),
    "app_first_paint_s": ("≤ 0.45 s", lambda v: v <= 0.45),
    "suggest_reference_s": ("≤ 0.3 s", lambda v: v <= 0.3),
    "suggest_cold_cli_s": ("≤ 1 s", lambda v: v <= 1),
    "suggest_large_s": ("≤ 3 s", lambda v: v <= 3),
    "large_import_s": ("≤ 2 s", lambda v: v <= 2),
    "reference_export_s": ("≤ 1 s", lambda v: v <= 1),
}


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--skip-app", action="store_true", help="engine and CLI figures only")
    parser.add_argument("--repeat", type=int, default=30, help="runs per median (default 30)")
    parser.add_argument(
        "--only-sheets", action="store_true", help="spreadsheet import and export figures only"
    )
    args = parser.parse_args()

    from bench.sheets_bench import run_sheets_bench

    if args.only_sheets:
        figures = run_sheets_bench()
    else:
        from bench.engine_bench import run_engine_bench
        from bench.suggest_bench import run_suggest_bench

        figures = run_engine_bench(args.repeat) | run_suggest_bench() | run_sheets_bench()
    if not args.skip_app and not args.only_sheets:
        from bench.app_bench import run_app_bench

        figures |= run_app_bench()
    print("\nAgainst the targets")
    for name, (target, met) in TARGETS.items():
        if name in figures:
            verdict = "met" if met(figures[name]) else "MISSED"
            print(f"  {name:<30} {figures[name]:>10.3f}   target {target:<9} {verdict}")


if __name__ == "__main__":
    main()
