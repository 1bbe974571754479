// math_integer.cpp — the integer functions of the `math` module: isqrt,
// factorial, comb, perm, gcd, lcm and prod. They work on Python ints through
// the number protocol; the machine-word fast paths keep the common small
// cases allocation-light.
#include <cmath>
#include <cstdint>

#include "modules/math/math.h"
#include "support/ref.h"

using namespace krait;

namespace {

Ref<> index_of(PyObject* o) { return steal(PyNumber_Index(o)); }

Ref<> small(long v) { return steal(PyLong_FromLong(v)); }

// Product of the integers in [lo, hi) by binary splitting (balanced operand
// sizes make big multiplications cheap).
Ref<> range_product(uint64_t lo, uint64_t hi) {
  if (hi - lo <= 16) {
    Ref<> acc = steal(PyLong_FromUnsignedLongLong(1));
    unsigned __int128 word = 1;
    for (uint64_t i = lo; i < hi; i++) {
      unsigned __int128 next = word * i;
      if (next >> 63) {
        Ref<> w = steal(PyLong_FromUnsignedLongLong(uint64_t(word)));
        if (!w) return {};
        acc = steal(PyNumber_Multiply(acc.get(), w.get()));
        if (!acc) return {};
        word = i;
      } else {
        word = next;
      }
    }
    Ref<> w = steal(PyLong_FromUnsignedLongLong(uint64_t(word)));
    if (!w || !acc) return {};
    return steal(PyNumber_Multiply(acc.get(), w.get()));
  }
  uint64_t mid = lo + (hi - lo) / 2;
  Ref<> a = range_product(lo, mid);
  if (!a) return {};
  Ref<> b = range_product(mid, hi);
  if (!b) return {};
  return steal(PyNumber_Multiply(a.get(), b.get()));
}

}  // namespace

namespace krait::math {

PyObject* math_isqrt(PyObject*, PyObject* arg) {
  Ref<> n = index_of(arg);
  if (!n) return nullptr;
  int sign = _PyLong_Sign(n.get());
  if (sign < 0) {
    PyErr_SetString(PyExc_ValueError, "isqrt() argument must be nonnegative");
    return nullptr;
  }
  if (sign == 0) return PyLong_FromLong(0);
  int overflow;
  long long v = PyLong_AsLongLongAndOverflow(n.get(), &overflow);
  if (!overflow) {
    uint64_t u = uint64_t(v);
    uint64_t r = uint64_t(std::sqrt(double(u)));
    while (r > 0 && (unsigned __int128)r * r > u) r--;
    while ((unsigned __int128)(r + 1) * (r + 1) <= u) r++;
    return PyLong_FromUnsignedLongLong(r);
  }
  // Newton's iteration from an initial guess above the root.
  size_t bits = _PyLong_NumBits(n.get());
  Ref<> one = small(1);
  Ref<> shift = steal(PyLong_FromSize_t((bits + 1) / 2));
  Ref<> x = steal(PyNumber_Lshift(one.get(), shift.get()));
  if (!x) return nullptr;
  for (;;) {
    Ref<> q = steal(PyNumber_FloorDivide(n.get(), x.get()));
    if (!q) return nullptr;
    Ref<> s = steal(PyNumber_Add(x.get(), q.get()));
    if (!s) return nullptr;
    Ref<> y = steal(PyNumber_Rshift(s.get(), one.get()));
    if (!y) return nullptr;
    int ge = PyObject_RichCompareBool(y.get(), x.get(), Py_GE);
    if (ge < 0) return nullptr;
    if (ge) break;
    x = std::move(y);
  }
  return x.release();
}

PyObject* math_factorial(PyObject*, PyObject* arg) {
  Ref<> n = index_of(arg);
  if (!n) return nullptr;
  int overflow;
  long x = PyLong_AsLongAndOverflow(n.get(), &overflow);
  if (x == -1 && PyErr_Occurred()) return nullptr;
  if (overflow > 0) {
    PyErr_Format(PyExc_OverflowError, "factorial() argument should not exceed %ld", LONG_MAX);
    return nullptr;
  }
  if (overflow < 0 || x < 0) {
    PyErr_SetString(PyExc_ValueError, "factorial() not defined for negative values");
    return nullptr;
  }
  if (x < 2) return PyLong_FromLong(1);
  return range_product(2, uint64_t(x) + 1).release();
}

PyObject* math_gcd(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  if (nargs == 0) return PyLong_FromLong(0);
  Ref<> res = index_of(args[0]);
  if (!res) return nullptr;
  if (nargs == 1) return PyNumber_Absolute(res.get());
  Ref<> one = small(1);
  for (Py_ssize_t i = 1; i < nargs; i++) {
    Ref<> x = index_of(args[i]);
    if (!x) return nullptr;
    if (PyObject_RichCompareBool(res.get(), one.get(), Py_EQ) == 1) continue;  // keep consuming
    res = steal(_PyLong_GCD(res.get(), x.get()));
    if (!res) return nullptr;
  }
  return res.release();
}

PyObject* math_lcm(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  if (nargs == 0) return PyLong_FromLong(1);
  Ref<> res = index_of(args[0]);
  if (!res) return nullptr;
  if (nargs == 1) return PyNumber_Absolute(res.get());
  for (Py_ssize_t i = 1; i < nargs; i++) {
    Ref<> x = index_of(args[i]);
    if (!x) return nullptr;
    if (_PyLong_Sign(res.get()) == 0) continue;
    if (_PyLong_Sign(x.get()) == 0) {
      res = std::move(x);
      continue;
    }
    Ref<> g = steal(_PyLong_GCD(res.get(), x.get()));
    if (!g) return nullptr;
    Ref<> f = steal(PyNumber_FloorDivide(x.get(), g.get()));
    if (!f) return nullptr;
    Ref<> ab = steal(PyNumber_Multiply(res.get(), f.get()));
    if (!ab) return nullptr;
    res = steal(PyNumber_Absolute(ab.get()));
    if (!res) return nullptr;
  }
  return res.release();
}

// n*(n-1)*...*(n-k+1) for Python ints (k a machine int).
static Ref<> falling(PyObject* n, long long k) {
  Ref<> acc = small(1);
  Ref<> one = small(1);
  Ref<> cur = borrow(n);
  for (long long i = 0; i < k && acc; i++) {
    acc = steal(PyNumber_Multiply(acc.get(), cur.get()));
    if (!acc) return {};
    cur = steal(PyNumber_Subtract(cur.get(), one.get()));
    if (!cur) return {};
  }
  return acc;
}

static bool comb_perm_args(const char* name, PyObject* const* args, Py_ssize_t nargs,
                           Py_ssize_t min, Ref<>* n, Ref<>* k) {
  if (!_PyArg_CheckPositional(name, nargs, min, 2)) return false;
  *n = index_of(args[0]);
  if (!*n) return false;
  if (nargs == 2 && args[1] != Py_None) {
    *k = index_of(args[1]);
    if (!*k) return false;
  }
  if (_PyLong_Sign(n->get()) < 0) {
    PyErr_SetString(PyExc_ValueError, "n must be a non-negative integer");
    return false;
  }
  if (*k && _PyLong_Sign(k->get()) < 0) {
    PyErr_SetString(PyExc_ValueError, "k must be a non-negative integer");
    return false;
  }
  return true;
}

PyObject* math_perm(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  Ref<> n, k;
  if (!comb_perm_args("perm", args, nargs, 1, &n, &k)) return nullptr;
  if (!k) return math_factorial(nullptr, n.get());
  int cmp = PyObject_RichCompareBool(n.get(), k.get(), Py_LT);
  if (cmp < 0) return nullptr;
  if (cmp) return PyLong_FromLong(0);
  int overflow;
  long long kk = PyLong_AsLongLongAndOverflow(k.get(), &overflow);
  if (overflow) {
    PyErr_Format(PyExc_OverflowError, "k must not exceed %lld", (long long)LLONG_MAX);
    return nullptr;
  }
  return falling(n.get(), kk).release();
}

PyObject* math_comb(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  Ref<> n, k;
  if (!comb_perm_args("comb", args, nargs, 2, &n, &k)) return nullptr;
  if (!k) {  // comb(n, None) is not allowed: CPython reports the index error
    Ref<> x = index_of(Py_None);
    return nullptr;
  }
  Ref<> nk = steal(PyNumber_Subtract(n.get(), k.get()));
  if (!nk) return nullptr;
  if (_PyLong_Sign(nk.get()) < 0) return PyLong_FromLong(0);
  // Use the smaller of k and n-k.
  if (PyObject_RichCompareBool(nk.get(), k.get(), Py_LT) == 1) k = nk;
  int overflow;
  long long kk = PyLong_AsLongLongAndOverflow(k.get(), &overflow);
  if (overflow) {
    PyErr_Format(PyExc_OverflowError, "min(n - k, k) must not exceed %lld", (long long)LLONG_MAX);
    return nullptr;
  }
  // result = result * (n - i) // (i + 1): every prefix is itself a binomial.
  Ref<> result = small(1);
  Ref<> one = small(1);
  Ref<> factor = borrow(n.get());
  for (long long i = 0; i < kk; i++) {
    result = steal(PyNumber_Multiply(result.get(), factor.get()));
    if (!result) return nullptr;
    Ref<> div = steal(PyLong_FromLongLong(i + 1));
    result = steal(PyNumber_FloorDivide(result.get(), div.get()));
    if (!result) return nullptr;
    factor = steal(PyNumber_Subtract(factor.get(), one.get()));
    if (!factor) return nullptr;
  }
  return result.release();
}

PyObject* math_prod(PyObject*, PyObject* args, PyObject* kwds) {
  static const char* kwlist[] = {"", "start", nullptr};
  PyObject* iterable;
  PyObject* start = nullptr;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "O|$O:prod", const_cast<char**>(kwlist), &iterable,
                                   &start))
    return nullptr;
  Ref<> result = start ? borrow(start) : small(1);
  Ref<> it = steal(PyObject_GetIter(iterable));
  if (!it) return nullptr;
  while (PyObject* raw = PyIter_Next(it.get())) {
    Ref<> item = steal(raw);
    result = steal(PyNumber_Multiply(result.get(), item.get()));
    if (!result) return nullptr;
  }
  if (PyErr_Occurred()) return nullptr;
  return result.release();
}

}  // namespace krait::math
