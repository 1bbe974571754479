# sys.exit with an integer code, output on stderr, and a flush of both streams.
import sys

print('to stdout')
print('to stderr', file=sys.stderr)
sys.stdout.write('written\n')
sys.stderr.write('written err\n')
try:
    sys.exit(5)
except SystemExit as e:
    print('caught SystemExit', e.code)
sys.exit(3)
