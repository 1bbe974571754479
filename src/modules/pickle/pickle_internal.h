// pickle_internal.h — shared declarations of the native `_pickle` module:
// the opcode bytes, the module-wide state (exception types, copyreg tables,
// 2.x/3.x name mappings) and the entry points each file provides.
//
// The module keeps one static state record: Krait runs one interpreter, and
// pickle.py imports `_pickle` once, so per-module state would buy nothing.
#pragma once
#include <Python.h>

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace krait::pickle {

// Opcodes of the pickle protocols 0-5 (Lib/pickletools.py documents them).
enum Op : unsigned char {
  MARK = '(', STOP = '.', POP = '0', POP_MARK = '1', DUP = '2', FLOAT = 'F',
  INT = 'I', BININT = 'J', BININT1 = 'K', LONG = 'L', BININT2 = 'M', NONE = 'N',
  PERSID = 'P', BINPERSID = 'Q', REDUCE = 'R', STRING = 'S', BINSTRING = 'T',
  SHORT_BINSTRING = 'U', UNICODE = 'V', BINUNICODE = 'X', APPEND = 'a', BUILD = 'b',
  GLOBAL = 'c', DICT = 'd', EMPTY_DICT = '}', APPENDS = 'e', GET = 'g', BINGET = 'h',
  INST = 'i', LONG_BINGET = 'j', LIST = 'l', EMPTY_LIST = ']', OBJ = 'o', PUT = 'p',
  BINPUT = 'q', LONG_BINPUT = 'r', SETITEM = 's', TUPLE = 't', EMPTY_TUPLE = ')',
  SETITEMS = 'u', BINFLOAT = 'G',
  PROTO = 0x80, NEWOBJ = 0x81, EXT1 = 0x82, EXT2 = 0x83, EXT4 = 0x84, TUPLE1 = 0x85,
  TUPLE2 = 0x86, TUPLE3 = 0x87, NEWTRUE = 0x88, NEWFALSE = 0x89, LONG1 = 0x8a,
  LONG4 = 0x8b,
  BINBYTES = 'B', SHORT_BINBYTES = 'C',
  SHORT_BINUNICODE = 0x8c, BINUNICODE8 = 0x8d, BINBYTES8 = 0x8e, EMPTY_SET = 0x8f,
  ADDITEMS = 0x90, FROZENSET = 0x91, NEWOBJ_EX = 0x92, STACK_GLOBAL = 0x93,
  MEMOIZE = 0x94, FRAME = 0x95,
  BYTEARRAY8 = 0x96, NEXT_BUFFER = 0x97, READONLY_BUFFER = 0x98,
};

constexpr int kHighestProtocol = 5;
constexpr int kDefaultProtocol = 4;
constexpr Py_ssize_t kBatchSize = 1000;
constexpr Py_ssize_t kFrameSizeMin = 4;
constexpr Py_ssize_t kFrameSizeTarget = 64 * 1024;
constexpr Py_ssize_t kFrameHeaderSize = 9;

struct State {
  PyObject* PickleError = nullptr;
  PyObject* PicklingError = nullptr;
  PyObject* UnpicklingError = nullptr;
  // copyreg.dispatch_table / _extension_registry / _inverted_registry /
  // _extension_cache, borrowed from copyreg for the life of the process.
  PyObject* dispatch_table = nullptr;
  PyObject* extension_registry = nullptr;
  PyObject* inverted_registry = nullptr;
  PyObject* extension_cache = nullptr;
  // _compat_pickle's mappings (fix_imports).
  PyObject* name_mapping_2to3 = nullptr;
  PyObject* import_mapping_2to3 = nullptr;
  PyObject* name_mapping_3to2 = nullptr;
  PyObject* import_mapping_3to2 = nullptr;
  PyObject* codecs_encode = nullptr;
  PyObject* getattr = nullptr;
  PyObject* partial = nullptr;
  PyTypeObject* Pickler_Type = nullptr;
  PyTypeObject* Unpickler_Type = nullptr;
  PyTypeObject* PicklerMemoProxyType = nullptr;
  PyTypeObject* UnpicklerMemoProxyType = nullptr;
};
extern State g_state;

// ------------------------------------------------------------------ Pickler

// Object -> memo index; the table owns a reference to each key, as
// CPython's does, so ids stay unique while the memo lives.
using PicklerMemo = std::unordered_map<PyObject*, Py_ssize_t>;

struct PicklerObject {
  PyObject_HEAD
  PicklerMemo* memo;
  PyObject* pers_func;       // persistent_id: a bound method or attribute
  PyObject* pers_func_self;  // the instance when pers_func is an unbound function
  PyObject* dispatch_table;
  PyObject* reducer_override;
  PyObject* write;           // file.write or NULL for dumps()
  PyObject* buffer_callback;
  std::string* output;
  Py_ssize_t frame_start;    // offset of the reserved frame header, or -1
  int proto;
  int bin;
  int framing;
  int fast;
  int fast_nesting;
  int fix_imports;
  PyObject* fast_memo;
  PyObject* dict;            // instance dict (persistent_id set as attribute)
};

struct PicklerMemoProxyObject {
  PyObject_HEAD
  PicklerObject* pickler;
};

PyTypeObject* make_pickler_type(PyObject* module);
PyTypeObject* make_pickler_memo_proxy_type(PyObject* module);
// Builds {id(obj): (index, obj)} from a pickler's memo.
PyObject* pickler_memo_copy(PicklerObject* p);
void pickler_memo_clear(PicklerObject* p);
// Replaces the pickler's memo from a PicklerMemoProxy or such a dict.
int pickler_set_memo(PicklerObject* p, PyObject* obj);
int pickler_init_args(PicklerObject* p, PyObject* file, PyObject* protocol, int fix_imports,
                      PyObject* buffer_callback);
int pickler_dump(PicklerObject* p, PyObject* obj);
int pickler_flush_to_file(PicklerObject* p);
PyObject* pickler_output_bytes(PicklerObject* p);

// ---------------------------------------------------------------- Unpickler

struct UnpicklerObject {
  PyObject_HEAD
  // The value stack and the mark positions into it.
  std::vector<PyObject*>* stack;
  std::vector<Py_ssize_t>* marks;
  Py_ssize_t fence;          // depth of the innermost MARK: pops may not go below it
  int mark_set;
  std::vector<PyObject*>* memo;  // owned references, NULL holes
  Py_ssize_t memo_len;       // number of non-NULL entries
  PyObject* pers_func;
  PyObject* pers_func_self;
  // Input: either a whole buffer (loads) or a file read through read/readinto/peek.
  Py_buffer buffer;
  bool have_buffer;
  const char* input;
  Py_ssize_t input_len;
  Py_ssize_t next_read_idx;
  Py_ssize_t prefetched_idx;
  PyObject* input_holder;    // chunk read from the file, owning `input` via `buffer`
  PyObject* read;
  PyObject* readinto;
  PyObject* readline;
  PyObject* peek;
  PyObject* buffers;         // iterator over out-of-band buffers, or NULL
  std::string* encoding;
  std::string* errors;
  int proto;
  int fix_imports;
  PyObject* dict;
};

struct UnpicklerMemoProxyObject {
  PyObject_HEAD
  UnpicklerObject* unpickler;
};

PyTypeObject* make_unpickler_type(PyObject* module);
PyTypeObject* make_unpickler_memo_proxy_type(PyObject* module);
PyObject* unpickler_memo_copy(UnpicklerObject* u);
void unpickler_memo_clear(UnpicklerObject* u);
int unpickler_set_memo(UnpicklerObject* u, PyObject* obj);
int unpickler_set_file(UnpicklerObject* u, PyObject* file);
int unpickler_set_string(UnpicklerObject* u, PyObject* data);
int unpickler_set_options(UnpicklerObject* u, int fix_imports, const char* encoding,
                          const char* errors, PyObject* buffers);
PyObject* unpickler_load(UnpicklerObject* u);
// find_class as the base class implements it (the module-level helper).
PyObject* unpickler_find_class_impl(UnpicklerObject* u, PyObject* module_name,
                                    PyObject* global_name);

// getattr that leaves *result NULL without an error when the attribute is
// missing (AttributeError swallowed); names are interned once.
int lookup_attr(PyObject* obj, const char* name, PyObject** result);

// Shared helper: the protocol argument (None/negative -> highest).
int parse_protocol(PyObject* protocol, int* out);
// getattr through dotted names ("A.B.c"), raising AttributeError as pickle does.
PyObject* get_dotted_attribute(PyObject* obj, PyObject* names_list);
PyObject* get_deep_attribute(PyObject* obj, PyObject* dotted_path, PyObject** parent);

}  // namespace krait::pickle
