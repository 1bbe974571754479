# "Did you mean" hints (NameError, AttributeError) as printed by the default excepthook.

class Thing:
    def __init__(self):
        self.value = 1
        self.other_value = 2
    def method(self):
        pass

def local_typo():
    counter = 3
    return countr

def global_typo():
    return Thingg

def builtin_typo():
    return lenn([])

def attr_typo():
    return Thing().valeu

def method_typo():
    return Thing().methd()

def case_typo():
    return Thing().VALUE

def far():
    return Thing().zzzzzzz

def long_name():
    xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx = 1
    return xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxy

for f in [local_typo, global_typo, builtin_typo, attr_typo, method_typo, case_typo, far, long_name]:
    try:
        f()
    except (NameError, AttributeError) as e:
        print(type(e).__name__, e)
print(Thingg if False else 'done')
countr = 1
print(int_)
