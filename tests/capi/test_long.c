/* C-API tests for int (longobject.h): conversions with their exact error
 * messages, plus differential checks of arithmetic, formatting, parsing and
 * methods against /usr/bin/python3.11 (see oracle.h). */
#include "capi_check.h"
#include "oracle.h"

#include <limits.h>
#include <math.h>

/* Operands: digit-count edge cases (2**30, 2**60, 2**64 neighbourhoods),
 * negatives, and multi-digit values large enough to reach GMP paths. */
static const char* const operands[] = {
    "0", "1", "-1", "2", "-3", "7", "-7", "10", "255", "256", "257", "-5", "-6",
    "1073741823", "1073741824", "-1073741824", "1152921504606846975", "1152921504606846976",
    "-1152921504606846977", "9223372036854775807", "-9223372036854775808",
    "18446744073709551615", "18446744073709551616", "123456789012345678901234567890",
    "-98765432109876543210987654321098765432109876543210",
    "340282366920938463463374607431768211457",
    "-1606938044258990275541962092341162602522202993782792835301376",
    "31415926535897932384626433832795028841971693993751058209749445923078164062862089986280348"
    "253421170679821480865132823066470938446095505822317253594081284811174502841027019385211055"
    "596446229489549303819644288109756659334461284756482337867831652712019091456485669234603486"
    "104543266482133936072602491412737245870066063155881748815209209628292540917153643678925903",
    "-2718281828459045235360287471352662497757247093699959574966967627724076630353547594571382178"
    "5251664274274663919320030599218174135966290435729003342952605956307381323286279434907632338"
    "298807531952510190115738341879307021540891499348841675092447614606680822648001684774118537"
    "4234544243710753907774499206955170276183860626133138458300075204493382656029760673711320070"
    "9320030599218174135966290435729003342952605956307381323286279434907632338298807531952510190"
    "1157383418793070215408914993488416750924476146066808226480016847741185374234544243710753907"
    "7744992069551702761838606261331384583000752044933826560297606737113200709320030599218174135"
    "9662904357290033429526059563073813232862794349076323382988075319525101901157383418793070215"
    "4089149934884167509244761460668082264800168477411853742345442437107539077744992069551702761"
    "8386062613313845830007520449338265602976067371132007093287091274437470472306969772093101416"
    "9283681902551510865746377211125238978442505695369677078544996996794686445490598793163688923"
    "0098793127736178215424999229576351482208269895193668033182528869398496465105820939239829488"
    "7933203625094431173012381970684161403970198376793206832823764648042953118023287825098194558"
    "1530175671736133206981125099618188159304169035159888851934580727386673858942287922849989208"
    "6805825749279610484198444363463244968487560233624827041978623209002160990235304369941849146"
    "3144722104624958720108941935939245120163283217716651806215347474718004617315768963101018891"
    "1174507521131017566339545163744993101512547880287525932017218806066218434526050226025406891"
    "6932640963745919553094183283416419133474932856217808829127428839963806849166315519498136432"
    "62880474225307839946211609549386913036186183015849013040937091932958839",
};
#define N_OPERANDS ((int)(sizeof operands / sizeof operands[0]))

static const long shifts[] = {0, 1, 5, 29, 30, 31, 59, 60, 61, 63, 64, 100, 1000};
static const long exponents[] = {0, 1, 2, 3, 7, 30, 64, -1, -2};
static const char* const moduli[] = {"7", "-7", "1000000007", "18446744073709551629", "1", "0",
                                     "-1000000007"};

static const char* const int_specs[] = {
    "", "d", ",", "_", "+", " ", "-", ">10", "<10", "^10", "=+10", "010", "#x", "#X", "#o", "#b",
    "_x", "_b", "x", "X", "o", "b", "n", "08,", "#010_x", "e", ".3f", "%", "g", ".2e", "z", ".2",
    "x<+#08_b", ",x", "*^12,", "c", "+c", "#c", ",c", "05c", "+010,d", " 020_", "abc", "y", ".0",
    "E", "F", "G", ".10g", "#.0e", "z.1f", ",.2f", "015,.2f", "_d", "=^5", "0=12,", "x=9,",
};

static const char* const parse_cases[] = {
    "0", "-0", "+0", "00", "0_0", "1_000", " 12 ", "\t-7\n", "1__0", "_1", "1_", "0x1f", "0X1F",
    "0o17", "0b101", "0b_1", "0x_ff", "0x", "010", "12a", "", " ", "+", "-", "9" "999999999999999999",
    "123456789012345678901234567890", "-0b1111111111111111111111111111111111111111111111111111111",
    "z", "Z", "1.5", "1e5", "0_x1", "٣", "\xd9\xa3\xd9\xa4", "\xe3\x80\x80 12 ", "12\xc2\xa0",
};
static const int parse_bases[] = {10, 0, 16, 2, 36, 8, 1, 37, -1};

static const char* describe_bases_py = "[10, 0, 16, 2, 36, 8, 1, 37, -1]";

/* Emits the Python list literal of operands. */
static void py_operands(oracle_buf* s) {
  oracle_append(s, "ops = [");
  for (int i = 0; i < N_OPERANDS; i++) oracle_appendf(s, "%s%s", i ? "," : "", "0");
  oracle_append(s, "]\n");
  for (int i = 0; i < N_OPERANDS; i++) {
    oracle_append(s, "ops[");
    oracle_appendf(s, "%d] = int('", i);
    oracle_append(s, operands[i]);
    oracle_append(s, "')\n");
  }
}

static PyObject* call_method0(PyObject* o, const char* name) {
  PyObject* m = PyObject_GetAttrString(o, name);
  if (!m) return NULL;
  PyObject* r = PyObject_CallNoArgs(m);
  Py_DECREF(m);
  return r;
}

static PyObject* call_method1(PyObject* o, const char* name, PyObject* arg) {
  PyObject* m = PyObject_GetAttrString(o, name);
  if (!m) return NULL;
  PyObject* r = PyObject_CallOneArg(m, arg);
  Py_DECREF(m);
  return r;
}

static PyObject* cmp(PyObject* a, PyObject* b, int op) { return PyObject_RichCompare(a, b, op); }

static void differential(void) {
  oracle_buf script = {0}, ours = {0}, labels = {0};
  oracle_append(&script, oracle_prelude);
  py_operands(&script);
  PyObject* vals[N_OPERANDS];
  for (int i = 0; i < N_OPERANDS; i++) {
    vals[i] = PyLong_FromString(operands[i], NULL, 10);
    CHECK(vals[i] != NULL);
  }

  /* Binary operators over all pairs. */
  oracle_append(&script,
                "for a in ops:\n"
                "    for b in ops:\n"
                "        show(lambda: a + b); show(lambda: a - b); show(lambda: a * b)\n"
                "        show(lambda: a // b); show(lambda: a % b); show(lambda: divmod(a, b))\n"
                "        show(lambda: a / b); show(lambda: a & b); show(lambda: a | b)\n"
                "        show(lambda: a ^ b); show(lambda: a < b); show(lambda: a == b)\n"
                "        show(lambda: a >= b)\n");
  for (int i = 0; i < N_OPERANDS; i++) {
    for (int j = 0; j < N_OPERANDS; j++) {
      PyObject *a = vals[i], *b = vals[j];
      oracle_describe(PyNumber_Add(a, b), &ours);
      oracle_describe(PyNumber_Subtract(a, b), &ours);
      oracle_describe(PyNumber_Multiply(a, b), &ours);
      oracle_describe(PyNumber_FloorDivide(a, b), &ours);
      oracle_describe(PyNumber_Remainder(a, b), &ours);
      oracle_describe(PyNumber_Divmod(a, b), &ours);
      oracle_describe(PyNumber_TrueDivide(a, b), &ours);
      oracle_describe(PyNumber_And(a, b), &ours);
      oracle_describe(PyNumber_Or(a, b), &ours);
      oracle_describe(PyNumber_Xor(a, b), &ours);
      oracle_describe(cmp(a, b, Py_LT), &ours);
      oracle_describe(cmp(a, b, Py_EQ), &ours);
      oracle_describe(cmp(a, b, Py_GE), &ours);
      static const char* names[] = {"+", "-", "*", "//", "%", "divmod", "/", "&", "|", "^", "<", "==", ">="};
      for (int k = 0; k < 13; k++) oracle_appendf(&labels, "op%d %s op%d\n", i, names[k], j);
    }
  }

  /* Shifts and powers with small right operands; 3-argument pow. */
  oracle_append(&script, "shifts = [");
  for (size_t k = 0; k < sizeof shifts / sizeof shifts[0]; k++) oracle_appendf(&script, "%ld,", shifts[k]);
  oracle_append(&script, "]\nexps = [");
  for (size_t k = 0; k < sizeof exponents / sizeof exponents[0]; k++)
    oracle_appendf(&script, "%ld,", exponents[k]);
  oracle_append(&script, "]\nmods = [");
  for (size_t k = 0; k < sizeof moduli / sizeof moduli[0]; k++) oracle_appendf(&script, "%s,", moduli[k]);
  oracle_append(&script,
                "]\n"
                "for a in ops:\n"
                "    for s in shifts:\n"
                "        show(lambda: a << s); show(lambda: a >> s)\n"
                "    show(lambda: a << -1)\n"
                "    for e in exps:\n"
                "        show(lambda: a ** e)\n"
                "        for m in mods:\n"
                "            show(lambda: pow(a, e, m))\n");
  for (int i = 0; i < N_OPERANDS; i++) {
    PyObject* a = vals[i];
    for (size_t k = 0; k < sizeof shifts / sizeof shifts[0]; k++) {
      PyObject* s = PyLong_FromLong(shifts[k]);
      oracle_describe(PyNumber_Lshift(a, s), &ours);
      oracle_describe(PyNumber_Rshift(a, s), &ours);
      oracle_appendf(&labels, "op%d << %ld\nop%d >> %ld\n", i, shifts[k], i, shifts[k]);
      Py_DECREF(s);
    }
    PyObject* m1 = PyLong_FromLong(-1);
    oracle_describe(PyNumber_Lshift(a, m1), &ours);
    oracle_appendf(&labels, "op%d << -1\n", i);
    Py_DECREF(m1);
    for (size_t k = 0; k < sizeof exponents / sizeof exponents[0]; k++) {
      PyObject* e = PyLong_FromLong(exponents[k]);
      oracle_describe(PyNumber_Power(a, e, Py_None), &ours);
      oracle_appendf(&labels, "op%d ** %ld\n", i, exponents[k]);
      for (size_t m = 0; m < sizeof moduli / sizeof moduli[0]; m++) {
        PyObject* mod = PyLong_FromString(moduli[m], NULL, 10);
        oracle_describe(PyNumber_Power(a, e, mod), &ours);
        oracle_appendf(&labels, "pow(op%d, %ld, %s)\n", i, exponents[k], moduli[m]);
        Py_DECREF(mod);
      }
      Py_DECREF(e);
    }
  }

  /* Unary operations and methods. */
  oracle_append(&script,
                "for a in ops:\n"
                "    show(lambda: a); show(lambda: str(a)); show(lambda: -a); show(lambda: ~a)\n"
                "    show(lambda: abs(a)); show(lambda: hash(a)); show(lambda: a.bit_length())\n"
                "    show(lambda: a.bit_count()); show(lambda: float(a)); show(lambda: bool(a))\n"
                "    show(lambda: a.as_integer_ratio()); show(lambda: a.__round__(-1))\n"
                "    show(lambda: a.__round__(-2)); show(lambda: a.__round__(-30))\n"
                "    show(lambda: a.__round__(3)); show(lambda: a.to_bytes(8, 'little', signed=True))\n"
                "    show(lambda: a.to_bytes(16, 'big')); show(lambda: a.to_bytes(1, 'big', signed=True))\n"
                "    show(lambda: a.__sizeof__())\n");
  for (int i = 0; i < N_OPERANDS; i++) {
    PyObject* a = vals[i];
    Py_INCREF(a);
    oracle_describe(a, &ours);
    oracle_describe(PyObject_Str(a), &ours);
    oracle_describe(PyNumber_Negative(a), &ours);
    oracle_describe(PyNumber_Invert(a), &ours);
    oracle_describe(PyNumber_Absolute(a), &ours);
    Py_hash_t h = PyObject_Hash(a);
    oracle_describe(h == -1 && PyErr_Occurred() ? NULL : PyLong_FromSsize_t(h), &ours);
    oracle_describe(call_method0(a, "bit_length"), &ours);
    oracle_describe(call_method0(a, "bit_count"), &ours);
    oracle_describe(PyNumber_Float(a), &ours);
    int t = PyObject_IsTrue(a);
    oracle_describe(t < 0 ? NULL : PyBool_FromLong(t), &ours);
    oracle_describe(call_method0(a, "as_integer_ratio"), &ours);
    static const long nds[] = {-1, -2, -30, 3};
    for (int k = 0; k < 4; k++) {
      PyObject* nd = PyLong_FromLong(nds[k]);
      oracle_describe(call_method1(a, "__round__", nd), &ours);
      Py_DECREF(nd);
    }
    {
      unsigned char buf[16];
      int r = _PyLong_AsByteArray((PyLongObject*)a, buf, 8, 1, 1);
      oracle_describe(r < 0 ? NULL : PyBytes_FromStringAndSize((char*)buf, 8), &ours);
      r = _PyLong_AsByteArray((PyLongObject*)a, buf, 16, 0, 0);
      oracle_describe(r < 0 ? NULL : PyBytes_FromStringAndSize((char*)buf, 16), &ours);
      r = _PyLong_AsByteArray((PyLongObject*)a, buf, 1, 0, 1);
      oracle_describe(r < 0 ? NULL : PyBytes_FromStringAndSize((char*)buf, 1), &ours);
    }
    oracle_describe(call_method0(a, "__sizeof__"), &ours);
    const char* unary[] = {"repr", "str", "neg", "invert", "abs", "hash", "bit_length", "bit_count",
                           "float", "bool", "as_integer_ratio", "round-1", "round-2", "round-30",
                           "round3", "to_bytes8", "to_bytes16", "to_bytes1", "sizeof"};
    for (int k = 0; k < 19; k++) oracle_appendf(&labels, "%s(op%d)\n", unary[k], i);
  }

  /* __format__ with every spec on every operand. */
  oracle_append(&script, "specs = [");
  for (size_t k = 0; k < sizeof int_specs / sizeof int_specs[0]; k++)
    oracle_appendf(&script, "'%s',", int_specs[k]);
  oracle_append(&script,
                "]\nfor a in ops:\n"
                "    for f in specs:\n"
                "        show(lambda: format(a, f))\n"
                "for f in specs:\n"
                "    show(lambda: format(True, f)); show(lambda: format(65, f))\n");
  for (int i = 0; i < N_OPERANDS; i++) {
    for (size_t k = 0; k < sizeof int_specs / sizeof int_specs[0]; k++) {
      PyObject* spec = PyUnicode_FromString(int_specs[k]);
      oracle_describe(PyObject_Format(vals[i], spec), &ours);
      oracle_appendf(&labels, "format(op%d, '%s')\n", i, int_specs[k]);
      Py_DECREF(spec);
    }
  }
  for (size_t k = 0; k < sizeof int_specs / sizeof int_specs[0]; k++) {
    PyObject* spec = PyUnicode_FromString(int_specs[k]);
    PyObject* sixty_five = PyLong_FromLong(65);
    oracle_describe(PyObject_Format(Py_True, spec), &ours);
    oracle_describe(PyObject_Format(sixty_five, spec), &ours);
    oracle_appendf(&labels, "format(True, '%s')\nformat(65, '%s')\n", int_specs[k], int_specs[k]);
    Py_DECREF(sixty_five);
    Py_DECREF(spec);
  }

  /* int(str, base) parsing through PyLong_FromUnicodeObject / bytes. */
  oracle_appendf(&script, "bases = %s\ntexts = [", describe_bases_py);
  for (size_t k = 0; k < sizeof parse_cases / sizeof parse_cases[0]; k++) {
    oracle_append(&script, "b'");
    for (const unsigned char* p = (const unsigned char*)parse_cases[k]; *p; p++)
      oracle_appendf(&script, "\\x%02x", *p);
    oracle_append(&script, "'.decode(),");
  }
  oracle_append(&script,
                "]\nfor t in texts:\n"
                "    for b in bases:\n"
                "        show(lambda: int(t, b))\n"
                "        show(lambda: int(t.encode(), b))\n");
  for (size_t k = 0; k < sizeof parse_cases / sizeof parse_cases[0]; k++) {
    PyObject* u = PyUnicode_FromString(parse_cases[k]);
    for (size_t b = 0; b < sizeof parse_bases / sizeof parse_bases[0]; b++) {
      oracle_describe(PyLong_FromUnicodeObject(u, parse_bases[b]), &ours);
      oracle_describe(_PyLong_FromBytes(parse_cases[k], (Py_ssize_t)strlen(parse_cases[k]),
                                        parse_bases[b]),
                      &ours);
      oracle_appendf(&labels, "int(text%zu, %d)\nint(btext%zu, %d)\n", k, parse_bases[b], k,
                     parse_bases[b]);
    }
    Py_DECREF(u);
  }

  /* The 4300-digit limit in both directions. */
  oracle_append(&script,
                "show(lambda: str(10**4299)[:20]); show(lambda: str(10**4300)[:20])\n"
                "show(lambda: int('1' * 4300) % 1000); show(lambda: int('1' * 4301))\n"
                "show(lambda: int('1' * 5000, 16) % 1000)\n");
  {
    PyObject* ten = PyLong_FromLong(10);
    PyObject* e1 = PyLong_FromLong(4299);
    PyObject* e2 = PyLong_FromLong(4300);
    PyObject* big1 = PyNumber_Power(ten, e1, Py_None);
    PyObject* big2 = PyNumber_Power(ten, e2, Py_None);
    PyObject* s1 = PyObject_Str(big1);
    oracle_describe(s1 ? PyUnicode_Substring(s1, 0, 20) : NULL, &ours);
    Py_XDECREF(s1);
    PyObject* s2 = PyObject_Str(big2);
    oracle_describe(s2 ? PyUnicode_Substring(s2, 0, 20) : NULL, &ours);
    Py_XDECREF(s2);
    char* ones = (char*)malloc(5001);
    memset(ones, '1', 5000);
    ones[4300] = 0;
    PyObject* thousand = PyLong_FromLong(1000);
    PyObject* v = PyLong_FromString(ones, NULL, 10);
    oracle_describe(v ? PyNumber_Remainder(v, thousand) : NULL, &ours);
    Py_XDECREF(v);
    ones[4300] = '1';
    ones[4301] = 0;
    oracle_describe(PyLong_FromString(ones, NULL, 10), &ours);
    ones[4301] = '1';
    ones[5000] = 0;
    v = PyLong_FromString(ones, NULL, 16);
    oracle_describe(v ? PyNumber_Remainder(v, thousand) : NULL, &ours);
    Py_XDECREF(v);
    free(ones);
    Py_DECREF(thousand);
    oracle_append(&labels, "str(10**4299)\nstr(10**4300)\nint('1'*4300)\nint('1'*4301)\nint(hex 5000)\n");
    Py_DECREF(ten);
    Py_DECREF(e1);
    Py_DECREF(e2);
    Py_XDECREF(big1);
    Py_XDECREF(big2);
  }

  char* theirs = oracle_run(script.data);
  if (!theirs) {
    fprintf(stderr, "oracle %s unavailable: differential checks skipped\n", ORACLE_PYTHON);
  } else {
    capi_failures += oracle_compare(ours.data, theirs, labels.data);
    free(theirs);
  }
  for (int i = 0; i < N_OPERANDS; i++) Py_XDECREF(vals[i]);
  free(script.data);
  free(ours.data);
  free(labels.data);
}

static void conversions(void) {
  PyObject* v;
  int overflow;

  /* Small ints are shared. */
  PyObject* a = PyLong_FromLong(256);
  PyObject* b = PyLong_FromLong(256);
  CHECK(a == b);
  Py_DECREF(a);
  Py_DECREF(b);
  a = PyLong_FromLong(-5);
  b = PyLong_FromString("-5", NULL, 10);
  CHECK(a == b);
  Py_DECREF(a);
  Py_DECREF(b);

  /* Layout: 30-bit digits, sign in ob_size. */
  v = PyLong_FromLongLong(-((1LL << 30) + 5));
  CHECK(Py_SIZE(v) == -2);
  CHECK(((PyLongObject*)v)->ob_digit[0] == 5 && ((PyLongObject*)v)->ob_digit[1] == 1);
  Py_DECREF(v);
  v = PyLong_FromLong(0);
  CHECK(Py_SIZE(v) == 0);
  Py_DECREF(v);

  v = PyLong_FromString("9223372036854775808", NULL, 10);
  CHECK(PyLong_AsLong(v) == -1);
  CHECK_ERROR(PyExc_OverflowError, "Python int too large to convert to C long");
  CHECK(PyLong_AsLongAndOverflow(v, &overflow) == -1 && overflow == 1);
  CHECK(PyLong_AsUnsignedLongLong(v) == 9223372036854775808ULL);
  CHECK(PyLong_AsLongLong(v) == -1);
  CHECK_ERROR(PyExc_OverflowError, "int too big to convert");
  CHECK(PyLong_AsSsize_t(v) == -1);
  CHECK_ERROR(PyExc_OverflowError, "Python int too large to convert to C ssize_t");
  Py_DECREF(v);

  v = PyLong_FromLongLong(LLONG_MIN);
  CHECK(PyLong_AsLongLong(v) == LLONG_MIN);
  CHECK(PyLong_AsLong(v) == LONG_MIN);
  CHECK(PyLong_AsUnsignedLongLongMask(v) == 0x8000000000000000ULL);
  CHECK(PyLong_AsUnsignedLong(v) == (unsigned long)-1);
  CHECK_ERROR(PyExc_OverflowError, "can't convert negative value to unsigned int");
  CHECK(PyLong_AsUnsignedLongLong(v) == (unsigned long long)-1);
  CHECK_ERROR(PyExc_OverflowError, "can't convert negative int to unsigned");
  CHECK(PyLong_AsSize_t(v) == (size_t)-1);
  CHECK_ERROR(PyExc_OverflowError, "can't convert negative value to size_t");
  Py_DECREF(v);

  v = PyLong_FromUnsignedLongLong(ULLONG_MAX);
  CHECK(PyLong_AsUnsignedLongLong(v) == ULLONG_MAX);
  CHECK(PyLong_AsUnsignedLong(v) == ULONG_MAX);
  CHECK(PyLong_AsLongLongAndOverflow(v, &overflow) == -1 && overflow == 1);
  Py_DECREF(v);

  v = PyLong_FromString("-340282366920938463463374607431768211457", NULL, 10);
  CHECK(PyLong_AsLongAndOverflow(v, &overflow) == -1 && overflow == -1);
  CHECK(PyLong_AsUnsignedLongMask(v) == ULONG_MAX);  /* -(2**128 + 1) mod 2**64 */
  CHECK(_PyLong_Sign(v) == -1);
  CHECK(_PyLong_NumBits(v) == 129);
  Py_DECREF(v);

  CHECK(PyLong_AsLong(Py_None) == -1);
  CHECK_ERROR(PyExc_TypeError, "'NoneType' object cannot be interpreted as an integer");
  CHECK(PyLong_AsUnsignedLong(Py_None) == (unsigned long)-1);
  CHECK_ERROR(PyExc_TypeError, "an integer is required");

  /* Doubles. */
  v = PyLong_FromDouble(-1e20);
  CHECK_REPR(v, "-100000000000000000000");
  CHECK(PyLong_AsDouble(v) == -1e20);
  Py_DECREF(v);
  CHECK(PyLong_FromDouble(NAN) == NULL);
  CHECK_ERROR(PyExc_ValueError, "cannot convert float NaN to integer");
  CHECK(PyLong_FromDouble(-INFINITY) == NULL);
  CHECK_ERROR(PyExc_OverflowError, "cannot convert float infinity to integer");
  v = PyLong_FromDouble(1.7976931348623157e308);
  CHECK(PyLong_AsDouble(v) == 1.7976931348623157e308);
  Py_DECREF(v);
  /* 2**1024 - 2**970 rounds to 2**1024: too large. */
  v = PyLong_FromString(
      "179769313486231580793728971405303415079934132710037826936173778980444968"
      "292764750946649017977587207096330286416692887910946555547851940402630657"
      "488671505820681908902000708383676273854845817711531764475730270069855571"
      "366959622842914819860834936475292719074168444365510704342711559699508093"
      "042880177904174497792"
      , NULL, 10);
  CHECK(v != NULL);
  CHECK(PyLong_AsDouble(v) == -1.0);
  CHECK_ERROR(PyExc_OverflowError, "int too large to convert to float");
  Py_XDECREF(v);

  /* Void pointers round-trip. */
  int x;
  v = PyLong_FromVoidPtr(&x);
  CHECK(PyLong_AsVoidPtr(v) == &x);
  Py_DECREF(v);

  /* Byte arrays. */
  unsigned char bytes[4] = {0xff, 0xff, 0xff, 0x7f};
  v = _PyLong_FromByteArray(bytes, 4, 1, 1);
  CHECK_REPR(v, "2147483647");
  Py_DECREF(v);
  v = _PyLong_FromByteArray(bytes, 4, 0, 1);
  CHECK_REPR(v, "-129");
  Py_DECREF(v);
  v = _PyLong_FromByteArray(bytes, 3, 0, 0);
  CHECK_REPR(v, "16777215");
  Py_DECREF(v);
  v = PyLong_FromLong(-128);
  unsigned char out[2];
  CHECK(_PyLong_AsByteArray((PyLongObject*)v, out, 1, 1, 1) == 0 && out[0] == 0x80);
  CHECK(_PyLong_AsByteArray((PyLongObject*)v, out, 2, 0, 1) == 0 && out[0] == 0xff && out[1] == 0x80);
  Py_DECREF(v);

  /* Formatting helpers. */
  v = PyLong_FromLong(-255);
  PyObject* s = _PyLong_Format(v, 16);
  CHECK_STR(s, "-0xff");
  Py_XDECREF(s);
  s = _PyLong_Format(v, 2);
  CHECK_STR(s, "-0b11111111");
  Py_XDECREF(s);
  Py_DECREF(v);

  /* Parsing with an end pointer; errors. */
  char* end;
  v = PyLong_FromString("  0x1F  ", &end, 16);
  CHECK_REPR(v, "31");
  CHECK(end && *end == '\0');
  Py_XDECREF(v);
  CHECK(PyLong_FromString("12x", NULL, 10) == NULL);
  CHECK_ERROR(PyExc_ValueError, "invalid literal for int() with base 10: '12x'");
  CHECK(PyLong_FromString("1", NULL, 99) == NULL);
  CHECK_ERROR(PyExc_ValueError, "int() base must be >= 2 and <= 36, or 0");

  /* Frexp and divmod-near. */
  Py_ssize_t e;
  v = PyLong_FromLong(3);
  CHECK(_PyLong_Frexp((PyLongObject*)v, &e) == 0.75 && e == 2);
  PyObject* seven = PyLong_FromLong(7);
  PyObject* two = PyLong_FromLong(2);
  PyObject* qr = _PyLong_DivmodNear(seven, two);
  CHECK_REPR(qr, "(4, -1)");
  Py_XDECREF(qr);
  PyObject* g = _PyLong_GCD(seven, v);
  CHECK_REPR(g, "1");
  Py_XDECREF(g);
  Py_DECREF(seven);
  Py_DECREF(two);
  Py_DECREF(v);

  /* bool. */
  CHECK(PyBool_FromLong(42) == Py_True);
  CHECK(PyBool_FromLong(0) == Py_False);
  CHECK(Py_SIZE(Py_True) == 1 && ((PyLongObject*)Py_True)->ob_digit[0] == 1);
  CHECK(Py_SIZE(Py_False) == 0);
  CHECK(PyLong_Check(Py_True) && !PyLong_CheckExact(Py_True));
  CHECK_REPR(Py_True, "True");
  PyObject* r = PyNumber_And(Py_True, Py_True);
  CHECK(r == Py_True);
  Py_XDECREF(r);
  r = PyNumber_Add(Py_True, Py_True);
  CHECK_REPR(r, "2");
  Py_XDECREF(r);
  r = PyNumber_Invert(Py_True);
  CHECK_REPR(r, "-2");
  Py_XDECREF(r);

  /* PyOS_strtol. */
  CHECK(PyOS_strtol("  -0x1f", &end, 0) == -31 && *end == '\0');
  CHECK(PyOS_strtoul("0b101z", &end, 0) == 5 && *end == 'z');
}

int main(void) {
  Py_Initialize();
  conversions();
  differential();
  CAPI_TEST_END();
}
