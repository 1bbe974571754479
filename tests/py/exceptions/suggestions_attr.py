# AttributeError "Did you mean" in an uncaught traceback.
class Config:
    def __init__(self):
        self.timeout = 5
        self.retries = 2

cfg = Config()
print(cfg.timeout)
print(cfg.timeuot)
