"""Strings: building text with join and +=, f-strings, %-formatting and str.format, then
splitting, searching, replacing, case-mapping and slicing it.

Stresses: str allocation and concatenation, formatting mini-language for ints/floats/strs,
str methods (split, join, replace, find, startswith, upper, strip, count), str slicing.
"""
# quick: 300
import sys

WORDS = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa",
         "lambda", "mu", "nu", "xi", "omicron", "pi", "rho", "sigma", "tau", "upsilon"]


def make_line(i):
    w = WORDS[i % len(WORDS)]
    v = WORDS[(i * 7) % len(WORDS)]
    return f"{i:06d} {w:>8}|{v:<8}| {i * 0.37:10.3f} {i % 97:#x}"


def make_record(i):
    return "%s=%d;%s=%.2f;tag=%s" % ("id", i, "score", i / 7.0, WORDS[i % 13].upper())


def render_table(rows):
    out = []
    for r in rows:
        out.append("| {0:<10} | {1:>6} | {2:^9} |".format(r[0], r[1], r[2]))
    return "\n".join(out)


def main(n):
    total = 0
    for rep in range(n):
        lines = [make_line(i + rep) for i in range(60)]
        text = "\n".join(lines)
        total += len(text) + text.count("a") + text.find("kappa")
        text2 = text.replace("|", " ! ").upper()
        total += len(text2.split())
        s = ""
        for i in range(40):
            s += WORDS[(i + rep) % 20][:3]
            s += str(i)
        total += len(s) + s.count("ta")
        recs = [make_record(i) for i in range(30)]
        for rec in recs:
            fields = dict(part.split("=") for part in rec.split(";"))
            total += len(fields["tag"]) + int(fields["id"])
            if fields["tag"].startswith("E"):
                total += 1
        table = render_table([(WORDS[i % 20], i * rep % 1000, WORDS[i % 7][::-1]) for i in range(20)])
        total += sum(len(line.strip()) for line in table.splitlines())
        total %= 1000000007
    return total


if __name__ == "__main__":
    print(main(int(sys.argv[1]) if len(sys.argv) > 1 else 14000))
