/* Py_CompileString* with flags (PyCF_ONLY_AST, incomplete input) and the
   PyRun_* entry points against CPython's documented behaviour. */
#include <Python.h>

#include "capi_check.h"

int main(void) {
  Py_Initialize();
  PyCompilerFlags ast_flags = {PyCF_ONLY_AST, 0};
  PyObject* tree = Py_CompileStringExFlags("x = 1 + 2", "<s>", Py_file_input, &ast_flags, -1);
  CHECK(tree != NULL);
  PyObject* ast = PyImport_ImportModule("ast");
  PyObject* dumped = tree && ast ? PyObject_CallMethod(ast, "dump", "O", tree) : NULL;
  CHECK_STR(dumped,
            "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=BinOp(left=Constant("
            "value=1), op=Add(), right=Constant(value=2)))], type_ignores=[])");
  Py_XDECREF(dumped);
  Py_XDECREF(ast);
  Py_XDECREF(tree);

  PyCompilerFlags incomplete = {PyCF_ALLOW_INCOMPLETE_INPUT | PyCF_DONT_IMPLY_DEDENT, 0};
  CHECK(Py_CompileStringExFlags("if x:", "<s>", Py_single_input, &incomplete, -1) == NULL);
  CHECK_ERROR(PyExc_SyntaxError, "incomplete input (<s>, line 1)");

  PyObject* code = Py_CompileString("y = 6 * 7", "<s>", Py_file_input);
  CHECK(code && PyCode_Check(code));
  PyObject* globals = PyDict_New();
  PyDict_SetItemString(globals, "__builtins__", PyEval_GetBuiltins());
  PyObject* r = code ? PyEval_EvalCode(code, globals, globals) : NULL;
  CHECK(r == Py_None);
  Py_XDECREF(r);
  CHECK_REPR(PyDict_GetItemString(globals, "y"), "42");
  PyObject* v = PyRun_String("y + 1", Py_eval_input, globals, globals);
  CHECK_REPR(v, "43");
  Py_XDECREF(v);
  CHECK(PyRun_String("1/0", Py_eval_input, globals, globals) == NULL);
  CHECK_ERROR(PyExc_ZeroDivisionError, "division by zero");
  Py_XDECREF(code);
  Py_DECREF(globals);
  CAPI_TEST_END();
}
