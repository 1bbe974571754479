// The krait executable: a thin main() over libkrait (see src/runtime/main_entry.cpp).
#include <Python.h>

int main(int argc, char** argv) { return Py_BytesMain(argc, argv); }
