# dir(builtins) minus what site adds (copyright, credits, license, exit, quit, help).
import builtins

SITE = {"copyright", "credits", "license", "exit", "quit", "help", "_"}
for name in sorted(dir(builtins)):
    if name not in SITE:
        print(name)
