#!/usr/bin/python3.11
"""Checks that the programs listed in tests/py/MILESTONE1 use only the milestone-1 language subset.

The subset: int/float/str/bool/None literals; + - * / // % ** and unary -; comparisons (chained);
and/or/not; simple assignment to a name or a subscript; if/elif/else, while, for, break, continue;
def with positional parameters and defaults; return; calls of print (with sep=/end=), len, str, int,
float, range and the program's own functions; list and dict literals; indexing (no slices);
list.append and dict.get; raise/try/except (no else/finally) of a few builtin exceptions.
This is a syntactic check; the types iterated over (range() and lists only) are checked by review.

    tests/check_milestone1.py [FILE ...]     (default: every test listed in MILESTONE1)
Prints one line per violation and a final `N passed, M failed` line over the files.
"""

import ast
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run_py  # noqa: E402  (for the test-selection rules)

BUILTINS = {"print", "len", "str", "int", "float", "range"}
EXCEPTIONS = {"ValueError", "TypeError", "ZeroDivisionError", "KeyError", "IndexError",
              "NameError", "RuntimeError"}
METHODS = {"append", "get"}
BINOPS = (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.FloorDiv, ast.Mod, ast.Pow)
UNARYOPS = (ast.USub, ast.Not)
CMPOPS = (ast.Lt, ast.Gt, ast.LtE, ast.GtE, ast.Eq, ast.NotEq)
NODES = (ast.Module, ast.Expr, ast.Assign, ast.If, ast.While, ast.For, ast.Break, ast.Continue,
         ast.FunctionDef, ast.arguments, ast.arg, ast.Return, ast.Try, ast.ExceptHandler, ast.Raise,
         ast.Call, ast.keyword, ast.Name, ast.Constant, ast.BinOp, ast.UnaryOp, ast.BoolOp,
         ast.Compare, ast.List, ast.Dict, ast.Subscript, ast.Attribute, ast.Load, ast.Store,
         ast.And, ast.Or) + BINOPS + UNARYOPS + CMPOPS


def violations(path):
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    defined = {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}
    out = []

    def bad(node, what):
        out.append(f"{path.relative_to(run_py.TESTS_DIR)}:{node.lineno}: {what}")

    for node in ast.walk(tree):
        if not isinstance(node, NODES):
            bad(node, f"{type(node).__name__} is outside the subset")
        elif isinstance(node, ast.Constant) and not (
                node.value is None or type(node.value) in (int, float, str, bool)):
            bad(node, f"constant of type {type(node.value).__name__}")
        elif isinstance(node, ast.Assign) and (
                len(node.targets) != 1
                or not isinstance(node.targets[0], (ast.Name, ast.Subscript))):
            bad(node, "only `name = value` and `x[i] = value` assignments")
        elif isinstance(node, ast.FunctionDef) and (
                node.decorator_list or node.returns or node.args.vararg or node.args.kwarg
                or node.args.kwonlyargs or node.args.posonlyargs):
            bad(node, "def with more than positional parameters and defaults")
        elif isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Slice):
            bad(node, "slice")
        elif isinstance(node, ast.Try) and (node.orelse or node.finalbody):
            bad(node, "try with else/finally")
        elif isinstance(node, ast.Raise) and node.cause:
            bad(node, "raise ... from")
        elif isinstance(node, ast.ExceptHandler) and not (
                isinstance(node.type, ast.Name) and node.type.id in EXCEPTIONS):
            bad(node, "except clause must name one of " + ", ".join(sorted(EXCEPTIONS)))
        elif isinstance(node, ast.Attribute) and node.attr not in METHODS:
            bad(node, f"attribute .{node.attr}")
        elif isinstance(node, ast.Call):
            f = node.func
            if isinstance(f, ast.Name) and f.id == "print":
                if any(k.arg not in ("sep", "end") for k in node.keywords):
                    bad(node, "print() takes only sep= and end=")
            elif node.keywords:
                bad(node, "keyword arguments")
            if isinstance(f, ast.Name) and not (
                    f.id in BUILTINS or f.id in EXCEPTIONS or f.id in defined):
                # Calling a variable holding a function (or a non-callable, for a TypeError) is
                # allowed when the name is assigned in the program.
                assigned = any(isinstance(n, ast.Name) and n.id == f.id and
                               isinstance(n.ctx, ast.Store) for n in ast.walk(tree))
                if not assigned:
                    bad(node, f"call of {f.id}()")
            if any(isinstance(a, ast.Starred) for a in node.args):
                bad(node, "*args in a call")
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and \
                node.id in ("set", "tuple", "dict", "list", "sorted", "isinstance", "type"):
            bad(node, f"builtin {node.id}")
    return out


def main():
    if len(sys.argv) > 1:
        files = [Path(p).resolve() for p in sys.argv[1:]]
    else:
        files = run_py.collect([], None, True)
    failed = 0
    for f in files:
        v = violations(f)
        for line in v:
            print(line)
        failed += bool(v)
    print(f"{len(files) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
