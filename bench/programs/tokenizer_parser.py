"""Tokenizer and parser: a small expression language (let-bindings, arithmetic, comparisons,
function calls, if-expressions) tokenised by hand, parsed by recursive descent into tuples and
evaluated by a tree-walking interpreter.

Stresses: character-by-character string scanning, str methods (isdigit, isalpha), many small
functions and method calls, recursion, tuple construction and dispatch on tags via dicts.
"""
# quick: 10
import sys

KEYWORDS = {"let", "in", "if", "then", "else", "fn"}
SYMBOLS = {"+", "-", "*", "/", "%", "(", ")", ",", "=", "<", ">", "==", "<=", ">="}


def tokenize(src):
    toks = []
    i = 0
    n = len(src)
    while i < n:
        c = src[i]
        if c == " " or c == "\n" or c == "\t":
            i += 1
        elif c.isdigit():
            j = i
            while j < n and src[j].isdigit():
                j += 1
            toks.append(("num", int(src[i:j])))
            i = j
        elif c.isalpha() or c == "_":
            j = i
            while j < n and (src[j].isalnum() or src[j] == "_"):
                j += 1
            word = src[i:j]
            toks.append(("kw" if word in KEYWORDS else "name", word))
            i = j
        elif src[i:i + 2] in SYMBOLS:
            toks.append(("sym", src[i:i + 2]))
            i += 2
        elif c in SYMBOLS:
            toks.append(("sym", c))
            i += 1
        else:
            raise SyntaxError("bad character %r at %d" % (c, i))
    toks.append(("eof", None))
    return toks


class Parser:
    BINARY = [("==", "<", ">", "<=", ">="), ("+", "-"), ("*", "/", "%")]

    def __init__(self, toks):
        self.toks = toks
        self.pos = 0

    def peek(self):
        return self.toks[self.pos]

    def advance(self):
        t = self.toks[self.pos]
        self.pos += 1
        return t

    def expect(self, kind, value):
        t = self.advance()
        if t[0] != kind or t[1] != value:
            raise SyntaxError("expected %s, got %r" % (value, t))

    def expr(self):
        t = self.peek()
        if t == ("kw", "let"):
            self.advance()
            name = self.advance()[1]
            self.expect("sym", "=")
            value = self.expr()
            self.expect("kw", "in")
            return ("let", name, value, self.expr())
        if t == ("kw", "if"):
            self.advance()
            cond = self.expr()
            self.expect("kw", "then")
            a = self.expr()
            self.expect("kw", "else")
            return ("if", cond, a, self.expr())
        return self.binary(0)

    def binary(self, level):
        if level == len(self.BINARY):
            return self.unary()
        left = self.binary(level + 1)
        ops = self.BINARY[level]
        while True:
            t = self.peek()
            if t[0] == "sym" and t[1] in ops:
                self.advance()
                left = ("bin", t[1], left, self.binary(level + 1))
            else:
                return left

    def unary(self):
        t = self.peek()
        if t == ("sym", "-"):
            self.advance()
            return ("neg", self.unary())
        return self.call()

    def call(self):
        node = self.atom()
        while self.peek() == ("sym", "("):
            self.advance()
            args = []
            if self.peek() != ("sym", ")"):
                args.append(self.expr())
                while self.peek() == ("sym", ","):
                    self.advance()
                    args.append(self.expr())
            self.expect("sym", ")")
            node = ("call", node, args)
        return node

    def atom(self):
        t = self.advance()
        if t[0] == "num":
            return ("num", t[1])
        if t[0] == "name":
            return ("var", t[1])
        if t == ("sym", "("):
            e = self.expr()
            self.expect("sym", ")")
            return e
        if t == ("kw", "fn"):
            self.expect("sym", "(")
            params = []
            while self.peek() != ("sym", ")"):
                params.append(self.advance()[1])
                if self.peek() == ("sym", ","):
                    self.advance()
            self.expect("sym", ")")
            return ("fn", params, self.expr())
        raise SyntaxError("unexpected %r" % (t,))


OPS = {
    "+": lambda a, b: a + b, "-": lambda a, b: a - b, "*": lambda a, b: a * b,
    "/": lambda a, b: a // b if b else 0, "%": lambda a, b: a % b if b else 0,
    "==": lambda a, b: int(a == b), "<": lambda a, b: int(a < b), ">": lambda a, b: int(a > b),
    "<=": lambda a, b: int(a <= b), ">=": lambda a, b: int(a >= b),
}


def evaluate(node, env):
    tag = node[0]
    if tag == "num":
        return node[1]
    if tag == "var":
        return env[node[1]]
    if tag == "bin":
        return OPS[node[1]](evaluate(node[2], env), evaluate(node[3], env))
    if tag == "neg":
        return -evaluate(node[1], env)
    if tag == "if":
        return evaluate(node[2] if evaluate(node[1], env) else node[3], env)
    if tag == "let":
        inner = dict(env)
        inner[node[1]] = evaluate(node[2], env)
        return evaluate(node[3], inner)
    if tag == "fn":
        return ("closure", node[1], node[2], env)
    if tag == "call":
        f = evaluate(node[1], env)
        args = [evaluate(a, env) for a in node[2]]
        inner = dict(f[3])
        for p, a in zip(f[1], args):
            inner[p] = a
        inner["self"] = f
        return evaluate(f[2], inner)
    raise ValueError(tag)


def make_program(seed):
    """Deterministically generate a source text with nested arithmetic and a recursive function."""
    parts = []
    x = seed
    for k in range(12):
        x = (x * 1103515245 + 12345) & 0x7FFFFFFF
        a, b, c = x % 97, (x >> 7) % 89 + 1, (x >> 14) % 13
        parts.append("let v%d = (%d * (x + %d) - %d %% %d) / (%d + 1) in" % (k, a, b, c, b, c))
    body = " + ".join("v%d" % k for k in range(12))
    return ("let x = %d in\n" % (seed % 50) + "\n".join(parts) +
            "\nlet sum = fn(n, acc) if n <= 0 then acc else self(n - 1, acc + n %% 7) in\n"
            "if %s > 100 then sum(%d, 0) + %s else -(%s)" % (body, 20 + seed % 30, body, body))


def main(n):
    total = 0
    for rep in range(n):
        for k in range(20):
            src = make_program(rep * 20 + k)
            toks = tokenize(src)
            tree = Parser(toks).expr()
            total = (total + len(toks) + evaluate(tree, {})) % 1000000007
    return total


if __name__ == "__main__":
    print(main(int(sys.argv[1]) if len(sys.argv) > 1 else 120))
