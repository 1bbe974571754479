// random_module.cpp — the `_random` module: Random, the MT19937 Mersenne
// Twister generator underneath random.py.
//
// The stream is bit-for-bit CPython's for the same seed: ints (absolute
// value) are split into 32-bit little-endian words and fed to init_by_array
// (at least one word); other objects seed from their hash; seed(None) uses
// 624 words from getrandom(). random() combines 27+26 bits exactly as
// genrand_res53; getrandbits(k) fills little-endian 32-bit words, the last
// one keeping its top bits.
#include <Python.h>

#include <sys/random.h>
#include <unistd.h>

#include <cstdint>
#include <ctime>
#include <vector>

#include "support/ref.h"

using namespace krait;

namespace {

constexpr int N = 624;
constexpr int M = 397;
constexpr uint32_t kMatrixA = 0x9908b0dfU;
constexpr uint32_t kUpperMask = 0x80000000U;
constexpr uint32_t kLowerMask = 0x7fffffffU;

struct RandomObject {
  PyObject_HEAD
  int index;
  uint32_t state[N];
};

inline RandomObject* R(PyObject* op) { return reinterpret_cast<RandomObject*>(op); }

uint32_t genrand_uint32(RandomObject* self) {
  static const uint32_t mag01[2] = {0x0U, kMatrixA};
  uint32_t* mt = self->state;
  uint32_t y;
  if (self->index >= N) {
    int kk;
    for (kk = 0; kk < N - M; kk++) {
      y = (mt[kk] & kUpperMask) | (mt[kk + 1] & kLowerMask);
      mt[kk] = mt[kk + M] ^ (y >> 1) ^ mag01[y & 0x1U];
    }
    for (; kk < N - 1; kk++) {
      y = (mt[kk] & kUpperMask) | (mt[kk + 1] & kLowerMask);
      mt[kk] = mt[kk + (M - N)] ^ (y >> 1) ^ mag01[y & 0x1U];
    }
    y = (mt[N - 1] & kUpperMask) | (mt[0] & kLowerMask);
    mt[N - 1] = mt[M - 1] ^ (y >> 1) ^ mag01[y & 0x1U];
    self->index = 0;
  }
  y = mt[self->index++];
  y ^= (y >> 11);
  y ^= (y << 7) & 0x9d2c5680U;
  y ^= (y << 15) & 0xefc60000U;
  y ^= (y >> 18);
  return y;
}

void init_genrand(RandomObject* self, uint32_t s) {
  uint32_t* mt = self->state;
  mt[0] = s;
  for (int i = 1; i < N; i++) mt[i] = 1812433253U * (mt[i - 1] ^ (mt[i - 1] >> 30)) + uint32_t(i);
  self->index = N;
}

void init_by_array(RandomObject* self, const uint32_t* key, size_t key_length) {
  uint32_t* mt = self->state;
  init_genrand(self, 19650218U);
  size_t i = 1, j = 0;
  size_t k = N > key_length ? N : key_length;
  for (; k; k--) {
    mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1664525U)) + key[j] + uint32_t(j);
    i++;
    j++;
    if (i >= N) {
      mt[0] = mt[N - 1];
      i = 1;
    }
    if (j >= key_length) j = 0;
  }
  for (k = N - 1; k; k--) {
    mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1566083941U)) - uint32_t(i);
    i++;
    if (i >= N) {
      mt[0] = mt[N - 1];
      i = 1;
    }
  }
  mt[0] = 0x80000000U;  // non-zero initial array
}

void seed_from_os(RandomObject* self) {
  uint32_t key[N];
  size_t got = 0;
  auto* p = reinterpret_cast<char*>(key);
  while (got < sizeof(key)) {
    ssize_t r = getrandom(p + got, sizeof(key) - got, 0);
    if (r <= 0) break;
    got += size_t(r);
  }
  if (got < sizeof(key)) {
    // No entropy source: fall back to time and pid, as CPython does.
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    uint32_t fallback[4] = {uint32_t(ts.tv_sec), uint32_t(ts.tv_nsec), uint32_t(getpid()),
                            uint32_t(clock())};
    init_by_array(self, fallback, 4);
    return;
  }
  init_by_array(self, key, N);
}

int random_seed(RandomObject* self, PyObject* arg) {
  if (arg == nullptr || arg == Py_None) {
    seed_from_os(self);
    return 0;
  }
  Ref<> n;
  if (PyLong_CheckExact(arg)) {
    n = steal(PyNumber_Absolute(arg));
  } else if (PyLong_Check(arg)) {
    // Subclasses of int: use the plain int value.
    Ref<> plain = steal(PyNumber_Long(arg));
    if (!plain) return -1;
    n = steal(PyNumber_Absolute(plain.get()));
  } else {
    Py_hash_t hash = PyObject_Hash(arg);
    if (hash == -1) return -1;
    n = steal(PyLong_FromSize_t(size_t(hash)));
  }
  if (!n) return -1;
  size_t bits = _PyLong_NumBits(n.get());
  if (bits == size_t(-1) && PyErr_Occurred()) return -1;
  size_t keyused = bits == 0 ? 1 : (bits - 1) / 32 + 1;
  std::vector<uint32_t> key(keyused);
  std::vector<unsigned char> bytes(keyused * 4);
  if (_PyLong_AsByteArray(reinterpret_cast<PyLongObject*>(n.get()), bytes.data(), bytes.size(), 1,
                          0) < 0)
    return -1;
  for (size_t i = 0; i < keyused; i++)
    key[i] = uint32_t(bytes[4 * i]) | uint32_t(bytes[4 * i + 1]) << 8 |
             uint32_t(bytes[4 * i + 2]) << 16 | uint32_t(bytes[4 * i + 3]) << 24;
  init_by_array(self, key.data(), keyused);
  return 0;
}

PyObject* random_seed_method(PyObject* op, PyObject* const* args, Py_ssize_t nargs) {
  if (!_PyArg_CheckPositional("seed", nargs, 0, 1)) return nullptr;
  if (random_seed(R(op), nargs ? args[0] : nullptr) < 0) return nullptr;
  Py_RETURN_NONE;
}

PyObject* random_random(PyObject* op, PyObject*) {
  RandomObject* self = R(op);
  uint32_t a = genrand_uint32(self) >> 5, b = genrand_uint32(self) >> 6;
  return PyFloat_FromDouble((a * 67108864.0 + b) * (1.0 / 9007199254740992.0));
}

PyObject* random_getrandbits(PyObject* op, PyObject* arg) {
  PyObject* iobj = PyNumber_Index(arg);
  if (!iobj) return nullptr;
  int k = _PyLong_AsInt(iobj);
  Py_DECREF(iobj);
  if (k == -1 && PyErr_Occurred()) return nullptr;
  if (k < 0) {
    PyErr_SetString(PyExc_ValueError, "number of bits must be non-negative");
    return nullptr;
  }
  RandomObject* self = R(op);
  if (k == 0) return PyLong_FromLong(0);
  if (k <= 32) return PyLong_FromUnsignedLong(genrand_uint32(self) >> (32 - k));
  size_t words = size_t(k - 1) / 32 + 1;
  std::vector<unsigned char> bytes(words * 4);
  for (size_t i = 0; i < words; i++, k -= 32) {
    uint32_t r = genrand_uint32(self);
    if (k < 32) r >>= (32 - k);  // drop the least significant bits
    bytes[4 * i] = uint8_t(r);
    bytes[4 * i + 1] = uint8_t(r >> 8);
    bytes[4 * i + 2] = uint8_t(r >> 16);
    bytes[4 * i + 3] = uint8_t(r >> 24);
  }
  return _PyLong_FromByteArray(bytes.data(), bytes.size(), 1, 0);
}

PyObject* random_getstate(PyObject* op, PyObject*) {
  RandomObject* self = R(op);
  Ref<> state = steal(PyTuple_New(N + 1));
  if (!state) return nullptr;
  for (int i = 0; i < N; i++) {
    PyObject* e = PyLong_FromUnsignedLong(self->state[i]);
    if (!e) return nullptr;
    PyTuple_SET_ITEM(state.get(), i, e);
  }
  PyObject* idx = PyLong_FromLong(self->index);
  if (!idx) return nullptr;
  PyTuple_SET_ITEM(state.get(), N, idx);
  return state.release();
}

PyObject* random_setstate(PyObject* op, PyObject* state) {
  if (!PyTuple_Check(state)) {
    PyErr_SetString(PyExc_TypeError, "state vector must be a tuple");
    return nullptr;
  }
  if (PyTuple_Size(state) != N + 1) {
    PyErr_SetString(PyExc_ValueError, "state vector is the wrong size");
    return nullptr;
  }
  uint32_t new_state[N];
  for (int i = 0; i < N; i++) {
    unsigned long element = PyLong_AsUnsignedLong(PyTuple_GET_ITEM(state, i));
    if (element == (unsigned long)-1 && PyErr_Occurred()) return nullptr;
    new_state[i] = uint32_t(element);
  }
  long index = PyLong_AsLong(PyTuple_GET_ITEM(state, N));
  if (index == -1 && PyErr_Occurred()) return nullptr;
  if (index < 0 || index > N) {
    PyErr_SetString(PyExc_ValueError, "invalid state");
    return nullptr;
  }
  RandomObject* self = R(op);
  self->index = int(index);
  for (int i = 0; i < N; i++) self->state[i] = new_state[i];
  Py_RETURN_NONE;
}

extern PyTypeObject Random_Type;

int random_init(PyObject* op, PyObject* args, PyObject* kwds) {
  if ((Py_IS_TYPE(op, &Random_Type) || Py_TYPE(op)->tp_init == Random_Type.tp_init) &&
      !_PyArg_NoKeywords("Random", kwds))
    return -1;
  if (PyTuple_GET_SIZE(args) > 1) {
    PyErr_SetString(PyExc_TypeError, "Random() requires 0 or 1 argument");
    return -1;
  }
  return random_seed(R(op), PyTuple_GET_SIZE(args) == 1 ? PyTuple_GET_ITEM(args, 0) : nullptr);
}

PyMethodDef random_methods[] = {
    {"random", random_random, METH_NOARGS, "random() -> x in the interval [0, 1)."},
    {"seed", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(random_seed_method)),
     METH_FASTCALL, "seed([n]) -> None.\n\nDefaults to use urandom and falls back to a combination\nof the current time and the process identifier."},
    {"getstate", random_getstate, METH_NOARGS, "getstate() -> tuple containing the current state."},
    {"setstate", random_setstate, METH_O, "setstate(state) -> None.  Restores generator state."},
    {"getrandbits", random_getrandbits, METH_O, "getrandbits(k) -> x.  Generates an int with k random bits."},
    {nullptr, nullptr, 0, nullptr},
};

PyTypeObject Random_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "_random.Random",
    .tp_basicsize = sizeof(RandomObject),
    .tp_dealloc = [](PyObject* op) { Py_TYPE(op)->tp_free(op); },
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_doc = "Random() -> create a random number generator with its own internal state.",
    .tp_methods = random_methods,
    .tp_init = random_init,
    .tp_new = PyType_GenericNew,
};

PyModuleDef random_module = {
    PyModuleDef_HEAD_INIT, "_random", "Module implements the Mersenne Twister random number generator.",
    -1, nullptr,
};

}  // namespace

extern "C" PyObject* PyInit__random(void) {
  if (PyType_Ready(&Random_Type) < 0) return nullptr;
  Ref<> m = steal(PyModule_Create(&random_module));
  if (!m) return nullptr;
  if (PyModule_AddType(m.get(), &Random_Type) < 0) return nullptr;
  return m.release();
}
