# Uncaught KeyError from a dict lookup inside nested calls.
config = {'host': 'localhost', 'port': 8080}

def get(key):
    return config[key]

def describe():
    return get('host') + ':' + str(get('port')) + '/' + get('path')

print(get('host'))
print(describe())
