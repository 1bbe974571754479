# An uncaught exception raised three calls deep: every frame appears in the traceback.
def parse(text):
    return int(text)

def load(items):
    out = []
    for t in items:
        out.append(parse(t))
    return out

def main():
    print(load(['1', '2']))
    print(load(['3', 'four', '5']))

main()
