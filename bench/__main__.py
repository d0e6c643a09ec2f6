"""Run every benchmark module in bench/ that defines main(), and print their numbers.

python -m bench                    # all of them, each with its defaults
python -m bench fanout push_size   # only these
python -m bench --skip soak        # all but these
python -m bench --list
"""

import argparse
import importlib
import inspect
import json
import pkgutil
import sys
import time
import traceback
from pathlib import Path

HELPERS = {"common"}  # modules that support benchmarks without being one


def discover() -> list[str]:
    """Return the names of the bench modules (bench/*.py defining main()), sorted."""
    names = []
    for module in pkgutil.iter_modules([str(Path(__file__).parent)]):
        if module.name.startswith("_") or module.name in HELPERS or module.ispkg:
            continue
        if "def main(" in (Path(__file__).parent / f"{module.name}.py").read_text():
            names.append(module.name)
    return sorted(names)


def run(name: str) -> tuple[bool, object, float]:
    """Run one bench module's main() with its defaults; return (ok, result, seconds)."""
    started = time.perf_counter()
    try:
        main = importlib.import_module(f"bench.{name}").main
        takes_argv = bool(inspect.signature(main).parameters)
        result = main([]) if takes_argv else main()
    except SystemExit as exc:  # argparse or a module that exits with a status
        return exc.code in (0, None), exc.code, time.perf_counter() - started
    except Exception:  # noqa: BLE001 (one broken bench must not hide the others' numbers)
        traceback.print_exc()
        return False, None, time.perf_counter() - started
    # A main() that returns an int is reporting an exit status (0: its checks passed).
    ok = result == 0 if isinstance(result, int) and not isinstance(result, bool) else True
    return ok, result, time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    """Run the selected benchmarks; exit 1 when one of them failed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="bench modules to run (default: all)")
    parser.add_argument("--skip", action="append", default=[], help="a module to leave out")
    parser.add_argument("--list", action="store_true", help="list the bench modules and stop")
    parser.add_argument("--json", metavar="FILE", help="also write every module's result here")
    args = parser.parse_args(argv)
    available = discover()
    if args.list:
        print("\n".join(available))
        return 0
    unknown = set(args.names) - set(available)
    if unknown:
        parser.error(f"unknown bench module(s): {', '.join(sorted(unknown))}")
    selected = [n for n in (args.names or available) if n not in args.skip]
    results, failed = {}, []
    for name in selected:
        print(f"=== bench.{name} ===", flush=True)
        ok, result, seconds = run(name)
        print(f"--- bench.{name}: {'ok' if ok else 'FAILED'} in {seconds:.1f} s", flush=True)
        results[name] = result
        if not ok:
            failed.append(name)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2, default=str))
    print(f"ran {len(selected)} bench module(s); failed: {', '.join(failed) or 'none'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
