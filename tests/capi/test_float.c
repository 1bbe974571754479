/* C-API tests for float and complex: C-level conversions, plus differential
 * checks (repr, arithmetic, rounding, formatting, parsing, hashing) against
 * /usr/bin/python3.11 (see oracle.h). */
#include "capi_check.h"
#include "oracle.h"

#include <float.h>
#include <math.h>

/* Values as Python float literals (parsed by float() on both sides). */
static const char* const values[] = {
    "0.0", "-0.0", "1.0", "-1.0", "0.1", "0.2", "0.30000000000000004", "1e16", "1e15",
    "123456789012345678.0", "1e22", "1e-7", "1e-5", "0.0001", "5e-324", "2.2250738585072014e-308",
    "1.7976931348623157e308", "inf", "-inf", "nan", "2.5", "3.5", "-1.5", "0.5", "1e300",
    "1.234e-300", "9007199254740993", "100.0", "1e100", "123.456", "2.675", "-7.0", "3.0",
    "1234567.891", "-0.000123", "4503599627370496.5", "0.015625",
};
#define N_VALUES ((int)(sizeof values / sizeof values[0]))

static const char* const int_operands[] = {"0", "1", "-3", "9007199254740993",
                                           "-340282366920938463463374607431768211457"};
#define N_INTS ((int)(sizeof int_operands / sizeof int_operands[0]))

static const char* const float_specs[] = {
    "", "f", ".2f", ".0f", "#.0f", "e", ".3e", "#.0e", "E", "g", ".3g", "#g", "G", ".10g", "%",
    ".1%", ",", ",.2f", "_.3f", "015,.2f", "010", "010.3f", "+", " ", "-", "z", "z.1f", "z.0e",
    ">12", "<12", "^12", "=+12", "*^15.4", "n", ".3n", ".0", ".3", ".20", "#", "#.3", ".1e", "F",
    "x", "d", "c", "=10", "0>10", ".500f", "+.2e", ",e", ",g", "_g",
};

static const char* const complex_specs[] = {
    "", "f", ".2f", "e", "g", ".3", "+", ">20", "<20", "^20", "*^25.3f", "n", "z.1f", "010",
    "=10", "d", "#g", ",.2f", " ", "-", "15",
};

static const char* const parse_cases[] = {
    "1.5", " -1.5 ", "+1.5", "1_0", "1__0", "_1", "1_", "1_0.5_5", "1e5", "1E-5", "1e", "1e+",
    ".5", "5.", ".", "e5", "inf", "-iNfinity", "+Inf", "nan", "-NaN", "nan(1)", "infinit",
    "1e500", "-1e500", "1e-500", "0x10", "1,5", "", " ", "\t\n12\r ", "\xd9\xa3.\xd9\xa4",
    "1.5\xc2\xa0", "9007199254740993", "0.1e-0_1", "1_000.000_1", "1.5j", "infj", "١٢٣",
    "2.2250738585072011e-308", "4.9406564584124654e-324", "2.4703282292062327e-324",
    "2.4703282292062328e-324", "1.7976931348623158e308", "1.797693134862315807e308",
};

static const char* const hex_cases[] = {
    "0x1.8p1", "-0x1p-1074", "0x1p-1075", "0x1.0000000000001p-1075", "0x1.fffffffffffff8p1023",
    "0x1.fffffffffffff7p1023", "0x1p1024", "inf", "-nan", "0x.8", "1", "0X1P+0", "  0x10  ",
    "0x", "x1", "0x1p", "0x1.g", "0x0p999999999999", "0x1p-999999999999", "0x1p99999999999999",
    "0x1.ffffffffffffffffffffffp0", "0x00000000000001p0",
};

static const char* const complex_parse_cases[] = {
    "1+2j", " (1+2j) ", "( 1+2j )", "1 + 2j", "j", "-j", "+j", "1-j", "1e3j", "1_0j", "1__0j",
    "(1", "1)", "inf-infj", "nan+nanj", "-0-0j", "2", "2.5e-3", "", "1+2", "1+2jj", "J",
    "\xd9\xa3j", "1.5e+3-2.5e-3J",
};

static void emit_list(oracle_buf* s, const char* name, const char* const* items, int n,
                      int as_float) {
  oracle_appendf(s, "%s = [", name);
  for (int i = 0; i < n; i++) {
    if (as_float) {
      oracle_appendf(s, "float('%s'),", items[i]);
    } else {
      oracle_append(s, "b'");
      for (const unsigned char* p = (const unsigned char*)items[i]; *p; p++)
        oracle_appendf(s, "\\x%02x", *p);
      oracle_append(s, "'.decode(),");
    }
  }
  oracle_append(s, "]\n");
}

static PyObject* method0(PyObject* o, const char* name) {
  PyObject* m = PyObject_GetAttrString(o, name);
  if (!m) return NULL;
  PyObject* r = PyObject_CallNoArgs(m);
  Py_DECREF(m);
  return r;
}

static PyObject* method1(PyObject* o, const char* name, PyObject* arg) {
  PyObject* m = PyObject_GetAttrString(o, name);
  if (!m) return NULL;
  PyObject* r = PyObject_CallOneArg(m, arg);
  Py_DECREF(m);
  return r;
}

static PyObject* from_text(const char* s) {
  PyObject* u = PyUnicode_FromString(s);
  PyObject* r = PyFloat_FromString(u);
  Py_DECREF(u);
  return r;
}

static void differential(void) {
  oracle_buf script = {0}, ours = {0}, labels = {0};
  oracle_append(&script, oracle_prelude);
  emit_list(&script, "vals", values, N_VALUES, 1);
  oracle_append(&script, "ints = [");
  for (int i = 0; i < N_INTS; i++) oracle_appendf(&script, "%s,", int_operands[i]);
  oracle_append(&script, "]\n");
  PyObject* vals[N_VALUES];
  PyObject* ints[N_INTS];
  for (int i = 0; i < N_VALUES; i++) {
    vals[i] = from_text(values[i]);
    CHECK(vals[i] != NULL);
  }
  for (int i = 0; i < N_INTS; i++) ints[i] = PyLong_FromString(int_operands[i], NULL, 10);

  /* Binary operations over float pairs, and float/int mixes. */
  oracle_append(&script,
                "def binops(a, b):\n"
                "    show(lambda: a + b); show(lambda: a - b); show(lambda: a * b)\n"
                "    show(lambda: a / b); show(lambda: a // b); show(lambda: a % b)\n"
                "    show(lambda: divmod(a, b)); show(lambda: a ** b); show(lambda: a < b)\n"
                "    show(lambda: a == b); show(lambda: a >= b)\n"
                "for a in vals:\n"
                "    for b in vals:\n"
                "        binops(a, b)\n"
                "    for i in ints:\n"
                "        binops(a, i); binops(i, a)\n");
  for (int i = 0; i < N_VALUES; i++) {
    for (int j = 0; j < N_VALUES + 2 * N_INTS; j++) {
      PyObject *a = vals[i], *b;
      if (j < N_VALUES) {
        b = vals[j];
      } else {
        int k = (j - N_VALUES) / 2;
        b = ints[k];
        if ((j - N_VALUES) % 2) {
          b = vals[i];
          a = ints[k];
        }
      }
      oracle_describe(PyNumber_Add(a, b), &ours);
      oracle_describe(PyNumber_Subtract(a, b), &ours);
      oracle_describe(PyNumber_Multiply(a, b), &ours);
      oracle_describe(PyNumber_TrueDivide(a, b), &ours);
      oracle_describe(PyNumber_FloorDivide(a, b), &ours);
      oracle_describe(PyNumber_Remainder(a, b), &ours);
      oracle_describe(PyNumber_Divmod(a, b), &ours);
      oracle_describe(PyNumber_Power(a, b, Py_None), &ours);
      oracle_describe(PyObject_RichCompare(a, b, Py_LT), &ours);
      oracle_describe(PyObject_RichCompare(a, b, Py_EQ), &ours);
      oracle_describe(PyObject_RichCompare(a, b, Py_GE), &ours);
      static const char* names[] = {"+", "-", "*", "/", "//", "%", "divmod", "**", "<", "==", ">="};
      for (int k = 0; k < 11; k++) oracle_appendf(&labels, "v%d(%d) %s %d\n", i, j, names[k], j);
    }
  }

  /* Unary operations, methods, rounding. */
  static const long nds[] = {0, 1, 2, -1, -2, 5, 17, 20, -308, -310, 330, 400};
  oracle_append(&script,
                "nds = [0, 1, 2, -1, -2, 5, 17, 20, -308, -310, 330, 400]\n"
                "for a in vals:\n"
                "    show(lambda: a); show(lambda: str(a)); show(lambda: -a); show(lambda: abs(a))\n"
                "    show(lambda: hash(a) if a == a else 'nan')\n"
                "    show(lambda: int(a)); show(lambda: round(a)); show(lambda: a.as_integer_ratio())\n"
                "    show(lambda: a.is_integer()); show(lambda: a.hex())\n"
                "    show(lambda: float.fromhex(a.hex())); show(lambda: a.__trunc__())\n"
                "    show(lambda: a.__floor__()); show(lambda: a.__ceil__()); show(lambda: bool(a))\n"
                "    for n in nds:\n"
                "        show(lambda: round(a, n))\n");
  for (int i = 0; i < N_VALUES; i++) {
    PyObject* a = vals[i];
    Py_INCREF(a);
    oracle_describe(a, &ours);
    oracle_describe(PyObject_Str(a), &ours);
    oracle_describe(PyNumber_Negative(a), &ours);
    oracle_describe(PyNumber_Absolute(a), &ours);
    if (isnan(PyFloat_AsDouble(a))) {
      oracle_describe(PyUnicode_FromString("nan"), &ours);
    } else {
      Py_hash_t h = PyObject_Hash(a);
      oracle_describe(h == -1 && PyErr_Occurred() ? NULL : PyLong_FromSsize_t(h), &ours);
    }
    oracle_describe(PyNumber_Long(a), &ours);
    oracle_describe(method0(a, "__round__"), &ours);
    oracle_describe(method0(a, "as_integer_ratio"), &ours);
    oracle_describe(method0(a, "is_integer"), &ours);
    PyObject* hex = method0(a, "hex");
    Py_XINCREF(hex);
    oracle_describe(hex, &ours);
    if (hex) {
      PyObject* fromhex = PyObject_GetAttrString((PyObject*)&PyFloat_Type, "fromhex");
      oracle_describe(fromhex ? PyObject_CallOneArg(fromhex, hex) : NULL, &ours);
      Py_XDECREF(fromhex);
      Py_DECREF(hex);
    } else {
      oracle_describe(NULL, &ours);
    }
    oracle_describe(method0(a, "__trunc__"), &ours);
    oracle_describe(method0(a, "__floor__"), &ours);
    oracle_describe(method0(a, "__ceil__"), &ours);
    int t = PyObject_IsTrue(a);
    oracle_describe(t < 0 ? NULL : PyBool_FromLong(t), &ours);
    static const char* unary[] = {"repr", "str", "neg", "abs", "hash", "int", "round",
                                  "as_integer_ratio", "is_integer", "hex", "fromhex(hex)",
                                  "trunc", "floor", "ceil", "bool"};
    for (int k = 0; k < 15; k++) oracle_appendf(&labels, "%s(v%d)\n", unary[k], i);
    for (size_t k = 0; k < sizeof nds / sizeof nds[0]; k++) {
      PyObject* n = PyLong_FromLong(nds[k]);
      oracle_describe(method1(a, "__round__", n), &ours);
      oracle_appendf(&labels, "round(v%d, %ld)\n", i, nds[k]);
      Py_DECREF(n);
    }
  }

  /* __format__. */
  oracle_append(&script, "specs = [");
  for (size_t k = 0; k < sizeof float_specs / sizeof float_specs[0]; k++)
    oracle_appendf(&script, "'%s',", float_specs[k]);
  oracle_append(&script,
                "]\nfor a in vals:\n"
                "    for f in specs:\n"
                "        show(lambda: format(a, f))\n");
  for (int i = 0; i < N_VALUES; i++) {
    for (size_t k = 0; k < sizeof float_specs / sizeof float_specs[0]; k++) {
      PyObject* spec = PyUnicode_FromString(float_specs[k]);
      oracle_describe(PyObject_Format(vals[i], spec), &ours);
      oracle_appendf(&labels, "format(v%d, '%s')\n", i, float_specs[k]);
      Py_DECREF(spec);
    }
  }

  /* float(str) and float.fromhex. */
  emit_list(&script, "texts", parse_cases, (int)(sizeof parse_cases / sizeof parse_cases[0]), 0);
  emit_list(&script, "hexes", hex_cases, (int)(sizeof hex_cases / sizeof hex_cases[0]), 0);
  oracle_append(&script,
                "for t in texts:\n"
                "    show(lambda: float(t)); show(lambda: float(t.encode()))\n"
                "for t in hexes:\n"
                "    show(lambda: float.fromhex(t))\n");
  for (size_t k = 0; k < sizeof parse_cases / sizeof parse_cases[0]; k++) {
    oracle_describe(from_text(parse_cases[k]), &ours);
    PyObject* b = PyBytes_FromString(parse_cases[k]);
    oracle_describe(b ? PyFloat_FromString(b) : NULL, &ours);
    Py_XDECREF(b);
    oracle_appendf(&labels, "float(text%zu)\nfloat(btext%zu)\n", k, k);
  }
  for (size_t k = 0; k < sizeof hex_cases / sizeof hex_cases[0]; k++) {
    PyObject* fromhex = PyObject_GetAttrString((PyObject*)&PyFloat_Type, "fromhex");
    PyObject* u = PyUnicode_FromString(hex_cases[k]);
    oracle_describe(fromhex ? PyObject_CallOneArg(fromhex, u) : NULL, &ours);
    oracle_appendf(&labels, "fromhex('%s')\n", hex_cases[k]);
    Py_XDECREF(u);
    Py_XDECREF(fromhex);
  }

  /* complex: repr, arithmetic, hash, format, parsing (a subset of values). */
  static const int picks[] = {0, 1, 2, 3, 4, 7, 11, 17, 18, 19, 20, 22, 24};
  const int n_picks = (int)(sizeof picks / sizeof picks[0]);
  oracle_append(&script, "picks = [");
  for (int i = 0; i < n_picks; i++) oracle_appendf(&script, "%d,", picks[i]);
  oracle_append(&script, "]\ncspecs = [");
  for (size_t k = 0; k < sizeof complex_specs / sizeof complex_specs[0]; k++)
    oracle_appendf(&script, "'%s',", complex_specs[k]);
  oracle_append(&script,
                "]\ncs = [complex(vals[i], vals[j]) for i in picks for j in picks]\n"
                "for c in cs:\n"
                "    show(lambda: c); show(lambda: hash(c) if c == c else 'nan'); show(lambda: abs(c))\n"
                "    show(lambda: -c); show(lambda: c.conjugate()); show(lambda: bool(c))\n"
                "    for f in cspecs:\n"
                "        show(lambda: format(c, f))\n"
                "for c in cs[::7]:\n"
                "    for d in cs[::5]:\n"
                "        show(lambda: c + d); show(lambda: c - d); show(lambda: c * d)\n"
                "        show(lambda: c / d); show(lambda: c ** d); show(lambda: c == d)\n"
                "    for e in [0, 1, 2, -1, -3, 0.5, 2.0, 101]:\n"
                "        show(lambda: c ** e)\n");
  PyObject** cs = (PyObject**)malloc(sizeof(PyObject*) * n_picks * n_picks);
  int ncs = 0;
  for (int i = 0; i < n_picks; i++)
    for (int j = 0; j < n_picks; j++)
      cs[ncs++] = PyComplex_FromDoubles(PyFloat_AsDouble(vals[picks[i]]),
                                        PyFloat_AsDouble(vals[picks[j]]));
  for (int i = 0; i < ncs; i++) {
    PyObject* c = cs[i];
    Py_INCREF(c);
    oracle_describe(c, &ours);
    Py_complex cv = PyComplex_AsCComplex(c);
    if (isnan(cv.real) || isnan(cv.imag)) {
      oracle_describe(PyUnicode_FromString("nan"), &ours);
    } else {
      Py_hash_t h = PyObject_Hash(c);
      oracle_describe(h == -1 && PyErr_Occurred() ? NULL : PyLong_FromSsize_t(h), &ours);
    }
    oracle_describe(PyNumber_Absolute(c), &ours);
    oracle_describe(PyNumber_Negative(c), &ours);
    oracle_describe(method0(c, "conjugate"), &ours);
    int t = PyObject_IsTrue(c);
    oracle_describe(t < 0 ? NULL : PyBool_FromLong(t), &ours);
    oracle_appendf(&labels, "repr(c%d)\nhash(c%d)\nabs(c%d)\nneg(c%d)\nconj(c%d)\nbool(c%d)\n", i,
                   i, i, i, i, i);
    for (size_t k = 0; k < sizeof complex_specs / sizeof complex_specs[0]; k++) {
      PyObject* spec = PyUnicode_FromString(complex_specs[k]);
      oracle_describe(PyObject_Format(c, spec), &ours);
      oracle_appendf(&labels, "format(c%d, '%s')\n", i, complex_specs[k]);
      Py_DECREF(spec);
    }
  }
  for (int i = 0; i < ncs; i += 7) {
    for (int j = 0; j < ncs; j += 5) {
      PyObject *c = cs[i], *d = cs[j];
      oracle_describe(PyNumber_Add(c, d), &ours);
      oracle_describe(PyNumber_Subtract(c, d), &ours);
      oracle_describe(PyNumber_Multiply(c, d), &ours);
      oracle_describe(PyNumber_TrueDivide(c, d), &ours);
      oracle_describe(PyNumber_Power(c, d, Py_None), &ours);
      oracle_describe(PyObject_RichCompare(c, d, Py_EQ), &ours);
      oracle_appendf(&labels, "c%d+c%d\nc%d-c%d\nc%d*c%d\nc%d/c%d\nc%d**c%d\nc%d==c%d\n", i, j, i,
                     j, i, j, i, j, i, j, i, j);
    }
    static const double exps[] = {0, 1, 2, -1, -3, 0.5, 2.0, 101};
    for (int k = 0; k < 8; k++) {
      PyObject* e = (k == 5 || k == 6) ? PyFloat_FromDouble(exps[k]) : PyLong_FromLong((long)exps[k]);
      oracle_describe(PyNumber_Power(cs[i], e, Py_None), &ours);
      oracle_appendf(&labels, "c%d ** %g\n", i, exps[k]);
      Py_DECREF(e);
    }
  }
  for (int i = 0; i < ncs; i++) Py_DECREF(cs[i]);
  free(cs);
  emit_list(&script, "ctexts", complex_parse_cases,
            (int)(sizeof complex_parse_cases / sizeof complex_parse_cases[0]), 0);
  oracle_append(&script, "for t in ctexts:\n    show(lambda: complex(t))\n");
  for (size_t k = 0; k < sizeof complex_parse_cases / sizeof complex_parse_cases[0]; k++) {
    PyObject* u = PyUnicode_FromString(complex_parse_cases[k]);
    PyObject* args = PyTuple_Pack(1, u);
    oracle_describe(PyObject_Call((PyObject*)&PyComplex_Type, args, NULL), &ours);
    oracle_appendf(&labels, "complex(ctext%zu)\n", k);
    Py_DECREF(args);
    Py_DECREF(u);
  }

  char* theirs = oracle_run(script.data);
  if (!theirs) {
    fprintf(stderr, "oracle %s unavailable: differential checks skipped\n", ORACLE_PYTHON);
  } else {
    capi_failures += oracle_compare(ours.data, theirs, labels.data);
    free(theirs);
  }
  for (int i = 0; i < N_VALUES; i++) Py_XDECREF(vals[i]);
  for (int i = 0; i < N_INTS; i++) Py_XDECREF(ints[i]);
  free(script.data);
  free(ours.data);
  free(labels.data);
}

static void c_level(void) {
  PyObject* f = PyFloat_FromDouble(2.5);
  CHECK(PyFloat_Check(f) && PyFloat_AS_DOUBLE(f) == 2.5);
  CHECK(PyFloat_AsDouble(f) == 2.5);
  Py_DECREF(f);
  PyObject* i = PyLong_FromLong(7);
  CHECK(PyFloat_AsDouble(i) == 7.0);
  Py_DECREF(i);
  CHECK(PyFloat_AsDouble(Py_None) == -1.0);
  CHECK_ERROR(PyExc_TypeError, "must be real number, not NoneType");
  CHECK(PyFloat_GetMax() == DBL_MAX && PyFloat_GetMin() == DBL_MIN);

  /* PyOS_double_to_string / PyOS_string_to_double. */
  char* s = PyOS_double_to_string(1e16, 'r', 0, Py_DTSF_ADD_DOT_0, NULL);
  CHECK(s && strcmp(s, "1e+16") == 0);
  PyMem_Free(s);
  s = PyOS_double_to_string(1.0, 'r', 0, Py_DTSF_ADD_DOT_0, NULL);
  CHECK(s && strcmp(s, "1.0") == 0);
  PyMem_Free(s);
  int type;
  s = PyOS_double_to_string(-INFINITY, 'F', 3, Py_DTSF_SIGN, &type);
  CHECK(s && strcmp(s, "-INF") == 0 && type == Py_DTST_INFINITE);
  PyMem_Free(s);
  s = PyOS_double_to_string(0.5, 'e', 2, Py_DTSF_SIGN, NULL);
  CHECK(s && strcmp(s, "+5.00e-01") == 0);
  PyMem_Free(s);
  s = PyOS_double_to_string(1234.5, 'g', 3, Py_DTSF_ALT, NULL);
  CHECK(s && strcmp(s, "1.23e+03") == 0);
  PyMem_Free(s);
  char* end;
  CHECK(PyOS_string_to_double("1.5xyz", &end, NULL) == 1.5 && strcmp(end, "xyz") == 0);
  CHECK(PyOS_string_to_double("1e999", NULL, NULL) == INFINITY);
  CHECK(PyOS_string_to_double("1e999", NULL, PyExc_OverflowError) == -1.0);
  CHECK_ERROR(PyExc_OverflowError, "value too large to convert to float: '1e999'");
  CHECK(PyOS_string_to_double("abc", NULL, NULL) == -1.0);
  CHECK_ERROR(PyExc_ValueError, "could not convert string to float: 'abc'");

  /* Hashing: integral floats hash like ints. */
  PyObject* big = PyLong_FromString("1152921504606846976", NULL, 10);
  PyObject* fbig = PyFloat_FromDouble(1152921504606846976.0);
  CHECK(PyObject_Hash(big) == PyObject_Hash(fbig));
  CHECK(_Py_HashDouble(NULL, INFINITY) == 314159);
  CHECK(_Py_HashDouble(NULL, -1.0) == -2);
  Py_DECREF(big);
  Py_DECREF(fbig);

  /* complex C API. */
  Py_complex a = {1.0, 2.0}, b = {3.0, -1.0};
  Py_complex q = _Py_c_quot(a, b);
  CHECK(fabs(q.real - 0.1) < 1e-15 && fabs(q.imag - 0.7) < 1e-15);
  Py_complex p = _Py_c_prod(a, b);
  CHECK(p.real == 5.0 && p.imag == 5.0);
  CHECK(_Py_c_abs((Py_complex){3.0, 4.0}) == 5.0);
  PyObject* c = PyComplex_FromCComplex(a);
  CHECK(PyComplex_RealAsDouble(c) == 1.0 && PyComplex_ImagAsDouble(c) == 2.0);
  CHECK_REPR(c, "(1+2j)");
  Py_DECREF(c);
  PyObject* three = PyLong_FromLong(3);
  Py_complex cv = PyComplex_AsCComplex(three);
  CHECK(cv.real == 3.0 && cv.imag == 0.0);
  CHECK(PyComplex_ImagAsDouble(three) == 0.0);
  Py_DECREF(three);

  /* Pack/unpack live in the struct area but are declared with floats. */
}

int main(void) {
  Py_Initialize();
  c_level();
  differential();
  CAPI_TEST_END();
}
