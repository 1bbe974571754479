/* _capibench: C-API microbenchmarks, one source built for Krait (which loads
 * CPython's build unchanged), CPython 3.11 and PyPy (cpyext).
 *
 * Two kinds of benchmark:
 *  - functions that Python calls in a loop (driver.py), measuring the call
 *    path into C: noargs, onearg, varargs, keywords, fastcall, and a method of
 *    a C type;
 *  - functions that loop n times in C over one C-API operation: int and tuple
 *    allocation, list access by macro and by function, dict building, calls
 *    back into Python, getattr, UTF-8 conversion, iteration from C. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* PyPy 3.9's headers predate Py_NewRef (3.10). */
static inline PyObject* new_ref(PyObject* o) { Py_INCREF(o); return o; }

/* --- called from Python ---------------------------------------------- */

static PyObject* b_noargs(PyObject* self, PyObject* unused) { Py_RETURN_NONE; }

static PyObject* b_onearg(PyObject* self, PyObject* arg) { return new_ref(arg); }

static PyObject* b_varargs(PyObject* self, PyObject* args) {
    int a, b;
    if (!PyArg_ParseTuple(args, "ii", &a, &b)) return NULL;
    return PyLong_FromLong(a + b);
}

static PyObject* b_keywords(PyObject* self, PyObject* args, PyObject* kw) {
    static char* names[] = {"a", "b", NULL};
    int a, b = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "i|i", names, &a, &b)) return NULL;
    return PyLong_FromLong(a + b);
}

static PyObject* b_fastcall(PyObject* self, PyObject* const* args, Py_ssize_t n) {
    if (n != 2) {
        PyErr_SetString(PyExc_TypeError, "fastcall() takes 2 arguments");
        return NULL;
    }
    return new_ref(args[1]);
}

/* --- loops in C -------------------------------------------------------- */

static PyObject* b_int_alloc(PyObject* self, PyObject* arg) {
    long n = PyLong_AsLong(arg);
    for (long i = 0; i < n; i++) {
        PyObject* v = PyLong_FromLong(i * 1000 + 1000000);
        if (!v) return NULL;
        Py_DECREF(v);
    }
    Py_RETURN_NONE;
}

static PyObject* b_tuple_alloc(PyObject* self, PyObject* arg) {
    long n = PyLong_AsLong(arg);
    for (long i = 0; i < n; i++) {
        PyObject* t = PyTuple_New(3);
        if (!t) return NULL;
        for (int k = 0; k < 3; k++) PyTuple_SET_ITEM(t, k, new_ref(Py_None));
        Py_DECREF(t);
    }
    Py_RETURN_NONE;
}

static PyObject* b_list_macro(PyObject* self, PyObject* args) {
    PyObject* list;
    long n;
    if (!PyArg_ParseTuple(args, "O!l", &PyList_Type, &list, &n)) return NULL;
    Py_ssize_t len = PyList_GET_SIZE(list);
    Py_ssize_t hits = 0;
    for (long r = 0; r < n; r++)
        for (Py_ssize_t i = 0; i < len; i++) hits += PyList_GET_ITEM(list, i) == Py_None;
    return PyLong_FromSsize_t(hits);
}

static PyObject* b_list_api(PyObject* self, PyObject* args) {
    PyObject* list;
    long n;
    if (!PyArg_ParseTuple(args, "O!l", &PyList_Type, &list, &n)) return NULL;
    Py_ssize_t len = PyList_Size(list);
    Py_ssize_t hits = 0;
    for (long r = 0; r < n; r++)
        for (Py_ssize_t i = 0; i < len; i++) hits += PyList_GetItem(list, i) == Py_None;
    return PyLong_FromSsize_t(hits);
}

static PyObject* b_dict_build(PyObject* self, PyObject* arg) {
    long n = PyLong_AsLong(arg);
    for (long r = 0; r < n; r++) {
        PyObject* d = PyDict_New();
        if (!d) return NULL;
        for (long i = 0; i < 100; i++) {
            PyObject* k = PyLong_FromLong(i);
            if (!k || PyDict_SetItem(d, k, k) < 0) return NULL;
            Py_DECREF(k);
        }
        PyObject* s = PyUnicode_FromString("name");
        if (!s || PyDict_SetItemString(d, "key", s) < 0) return NULL;
        Py_DECREF(s);
        Py_DECREF(d);
    }
    Py_RETURN_NONE;
}

static PyObject* b_callback(PyObject* self, PyObject* args) {
    PyObject* fn;
    long n;
    if (!PyArg_ParseTuple(args, "Ol", &fn, &n)) return NULL;
    PyObject* arg = PyLong_FromLong(7);
    for (long i = 0; i < n; i++) {
        PyObject* r = PyObject_CallOneArg(fn, arg);
        if (!r) { Py_DECREF(arg); return NULL; }
        Py_DECREF(r);
    }
    Py_DECREF(arg);
    Py_RETURN_NONE;
}

static PyObject* b_getattr(PyObject* self, PyObject* args) {
    PyObject *obj, *name;
    long n;
    if (!PyArg_ParseTuple(args, "OUl", &obj, &name, &n)) return NULL;
    for (long i = 0; i < n; i++) {
        PyObject* r = PyObject_GetAttr(obj, name);
        if (!r) return NULL;
        Py_DECREF(r);
    }
    Py_RETURN_NONE;
}

static PyObject* b_utf8(PyObject* self, PyObject* arg) {
    long n = PyLong_AsLong(arg);
    static const char text[] = "caf\xc3\xa9 na\xc3\xafve r\xc3\xa9sum\xc3\xa9 \xe2\x82\xac 0123456789";
    Py_ssize_t total = 0;
    for (long i = 0; i < n; i++) {
        PyObject* s = PyUnicode_FromStringAndSize(text, sizeof text - 1);
        if (!s) return NULL;
        Py_ssize_t len;
        const char* u = PyUnicode_AsUTF8AndSize(s, &len);
        if (!u) { Py_DECREF(s); return NULL; }
        total += len;
        Py_DECREF(s);
    }
    return PyLong_FromSsize_t(total);
}

static PyObject* b_iterate(PyObject* self, PyObject* args) {
    PyObject* seq;
    long n;
    if (!PyArg_ParseTuple(args, "Ol", &seq, &n)) return NULL;
    Py_ssize_t count = 0;
    for (long r = 0; r < n; r++) {
        PyObject* it = PyObject_GetIter(seq);
        if (!it) return NULL;
        PyObject* item;
        while ((item = PyIter_Next(it)) != NULL) { count++; Py_DECREF(item); }
        Py_DECREF(it);
        if (PyErr_Occurred()) return NULL;
    }
    return PyLong_FromSsize_t(count);
}

/* --- a C type with methods --------------------------------------------- */

typedef struct {
    PyObject_HEAD
    long value;
} CounterObject;

static PyObject* counter_incr(PyObject* self, PyObject* unused) {
    ((CounterObject*)self)->value++;
    Py_RETURN_NONE;
}

static PyObject* counter_add(PyObject* self, PyObject* arg) {
    long v = PyLong_AsLong(arg);
    if (v == -1 && PyErr_Occurred()) return NULL;
    ((CounterObject*)self)->value += v;
    Py_RETURN_NONE;
}

static PyObject* counter_get(PyObject* self, void* closure) {
    return PyLong_FromLong(((CounterObject*)self)->value);
}

static PyMethodDef counter_methods[] = {
    {"incr", counter_incr, METH_NOARGS, NULL},
    {"add", counter_add, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef counter_getset[] = {
    {"value", counter_get, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyTypeObject Counter_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    "_capibench.Counter",      /* tp_name */
    sizeof(CounterObject),     /* tp_basicsize */
};

static PyMethodDef module_methods[] = {
    {"noargs", b_noargs, METH_NOARGS, NULL},
    {"onearg", b_onearg, METH_O, NULL},
    {"varargs", b_varargs, METH_VARARGS, NULL},
    {"keywords", (PyCFunction)(void (*)(void))b_keywords, METH_VARARGS | METH_KEYWORDS, NULL},
    {"fastcall", (PyCFunction)(void (*)(void))b_fastcall, METH_FASTCALL, NULL},
    {"int_alloc", b_int_alloc, METH_O, NULL},
    {"tuple_alloc", b_tuple_alloc, METH_O, NULL},
    {"list_macro", b_list_macro, METH_VARARGS, NULL},
    {"list_api", b_list_api, METH_VARARGS, NULL},
    {"dict_build", b_dict_build, METH_O, NULL},
    {"callback", b_callback, METH_VARARGS, NULL},
    {"getattr", b_getattr, METH_VARARGS, NULL},
    {"utf8", b_utf8, METH_O, NULL},
    {"iterate", b_iterate, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT, "_capibench", NULL, -1, module_methods,
};

PyMODINIT_FUNC PyInit__capibench(void) {
    Counter_Type.tp_flags = Py_TPFLAGS_DEFAULT;
    Counter_Type.tp_new = PyType_GenericNew;
    Counter_Type.tp_methods = counter_methods;
    Counter_Type.tp_getset = counter_getset;
    if (PyType_Ready(&Counter_Type) < 0) return NULL;
    PyObject* m = PyModule_Create(&module_def);
    if (!m) return NULL;
    Py_INCREF(&Counter_Type);
    if (PyModule_AddObject(m, "Counter", (PyObject*)&Counter_Type) < 0) return NULL;
    return m;
}
