/* Runs a Python file under the harness: pyrun FILE.py */
#include <Python.h>
int main(int argc, char **argv) {
  if (argc < 2) return 2;
  Py_Initialize();
  FILE *f = fopen(argv[1], "r");
  if (f == NULL) return 2;
  int rc = PyRun_SimpleFile(f, argv[1]);
  Py_Finalize();
  return rc != 0;
}
