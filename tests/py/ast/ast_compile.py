# _ast classes, compile() of AST objects and the stdlib helpers built on them.
import ast
import _ast

# classes
print(ast.AST, ast.Name.__mro__, ast.operator, ast.Add.__mro__)
print(ast.Name._fields, ast.Name.__match_args__, ast.expr._attributes, ast.arguments._attributes)
print(ast.Name.__doc__, ast.expr_context.__doc__, sep="\n")
print(ast.mod.__doc__)
print(ast.Return().value, ast.expr.end_lineno, ast.keyword().arg)
try:
    ast.Name().id
except AttributeError as e:
    print("AttributeError", e)
try:
    ast.Name(1, 2, 3)
except TypeError as e:
    print("TypeError", e)
n = ast.Name("x", ast.Load(), lineno=1)
print(n.id, n.lineno, n.__reduce__()[0], sorted(n.__reduce__()[2]))
print(_ast.PyCF_ONLY_AST, _ast.PyCF_TYPE_COMMENTS, _ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
t = ast.parse("x = y")
print(t.body[0].targets[0].ctx is t.body[0].value.ctx, type(t.body[0].value.ctx).__name__)
print(ast.parse("a = b").body[0].value.ctx is ast.parse("c").body[0].value.ctx)
print(compile("x", "f", "exec", ast.PyCF_ONLY_AST).__class__.__name__)
print(compile(t, "f", "exec", ast.PyCF_ONLY_AST) is t)

# compile and run a tree
src = "def f(n):\n    return [i * i for i in range(n)]\nprint(f(5), 'é\\ud800'.encode('utf-8', 'surrogatepass'))\n"
code = compile(ast.parse(src), "<ast>", "exec")
exec(code, {})
print(eval(compile(ast.parse("1 + 2 * 3", mode="eval"), "<ast>", "eval")))

# hand-built tree
tree = ast.Module(
    body=[ast.Expr(ast.Call(ast.Name("print", ast.Load()),
                            [ast.Constant(41), ast.Constant((1, 2)), ast.Constant(-5)], []))],
    type_ignores=[])
ast.fix_missing_locations(tree)
exec(compile(tree, "<built>", "exec"))

# NodeTransformer
class Double(ast.NodeTransformer):
    def visit_Constant(self, node):
        if isinstance(node.value, int):
            return ast.copy_location(ast.Constant(node.value * 2), node)
        return node

t2 = Double().visit(ast.parse("print(1, 2, 'a')"))
exec(compile(t2, "<t>", "exec"))
print(ast.dump(t2))

# literal_eval, unparse
print(ast.literal_eval("{'a': [1, 2.5, -3j, (True, None)], 'b': b'x', 'c': {1, 2}}"))
for s in ["x = a + b * (c - d)", "def f(a, *, b=1):\n    return a if b else -a",
          "match p:\n    case [1, *r]:\n        pass", "f'{x!r:>10}'", "lambda: (yield)"]:
    print(ast.unparse(ast.parse(s)))

# errors
def err(f):
    try:
        f()
    except Exception as e:
        print(type(e).__name__, e)

err(lambda: compile(ast.Expression(ast.Constant(1)), "f", "exec"))
err(lambda: compile(ast.Module([ast.Expr(ast.Name("x", ast.Load()))], []), "f", "exec"))
err(lambda: compile(ast.Module([ast.Expr(None, lineno=1, col_offset=0)], []), "f", "exec"))
err(lambda: compile(ast.Module(5, []), "f", "exec"))
err(lambda: compile(ast.Module([5], []), "f", "exec"))
err(lambda: compile(ast.Module([ast.Pass(lineno=1, col_offset=0)]), "f", "exec"))
err(lambda: compile(ast.fix_missing_locations(ast.Module([ast.Expr(ast.Name("x", ast.Store()))], [])), "f", "exec"))
err(lambda: compile(ast.fix_missing_locations(ast.Module([ast.Expr(ast.Constant([1]))], [])), "f", "exec"))
err(lambda: compile(ast.fix_missing_locations(ast.Module([ast.Expr(ast.Name(1, ast.Load()))], [])), "f", "exec"))
err(lambda: compile(ast.fix_missing_locations(ast.Module([ast.Expr(ast.Name("x", 5))], [])), "f", "exec"))
err(lambda: compile(ast.fix_missing_locations(ast.Module([ast.If(ast.Name("x", ast.Load()), [], [])], [])), "f", "exec"))
err(lambda: compile(ast.fix_missing_locations(ast.Module([ast.Expr(ast.Name("None", ast.Load()))], [])), "f", "exec"))
err(lambda: compile(ast.fix_missing_locations(ast.Expression(ast.Compare(ast.Name("x", ast.Load()), [ast.Eq()], []))), "f", "eval"))
err(lambda: compile(ast.fix_missing_locations(ast.Expression(ast.Constant(1, lineno="a"))), "f", "eval"))
err(lambda: compile(5, "f", "exec"))
