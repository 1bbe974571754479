import sys
print("mainmod", __name__, __spec__ is not None and __spec__.name)
if __name__ == "__main__":
    print("run as main")
