# argparse with explicit argv lists: positionals, options, subcommands, errors to a captured stderr
import argparse, io, contextlib
p = argparse.ArgumentParser(prog='tool', description='demo')
p.add_argument('src')
p.add_argument('dst', nargs='?', default='out')
p.add_argument('-n', '--count', type=int, default=1)
p.add_argument('-v', '--verbose', action='count', default=0)
p.add_argument('--flag', action='store_true')
p.add_argument('--mode', choices=['a', 'b'], default='a')
p.add_argument('--item', action='append', default=[])
ns = p.parse_args(['in.txt', '-n', '3', '-vv', '--flag', '--item', 'x', '--item=y'])
print(sorted(vars(ns).items()))
print(vars(p.parse_args(['only'])))
err = io.StringIO()
for argv in [[], ['a', '--count', 'x'], ['a', '--mode', 'c'], ['a', 'b', 'c']]:
    with contextlib.redirect_stderr(err):
        try:
            p.parse_args(argv)
        except SystemExit as e:
            print('exit', e.code)
print(err.getvalue())
ns, rest = p.parse_known_args(['a', '--unknown', 'z'])
print(ns.src, rest)
sub = argparse.ArgumentParser(prog='git')
sp = sub.add_subparsers(dest='cmd')
c = sp.add_parser('commit'); c.add_argument('-m', required=True)
sp.add_parser('status')
print(vars(sub.parse_args(['commit', '-m', 'msg'])), vars(sub.parse_args(['status'])))
print(p.format_usage())
g = argparse.ArgumentParser(prog='m')
grp = g.add_mutually_exclusive_group()
grp.add_argument('--x', action='store_true'); grp.add_argument('--y', action='store_true')
with contextlib.redirect_stderr(err):
    try:
        g.parse_args(['--x', '--y'])
    except SystemExit as e:
        print('exit', e.code, err.getvalue().splitlines()[-1])
