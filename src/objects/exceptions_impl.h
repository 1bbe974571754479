// Internals of the builtin exception types (exceptions*.cpp).
//
// Each "kind" below is a traits struct naming one instance layout (CPython's
// Py<Store>Object from cpython/pyerrors.h) and the slots a type of that kind
// defines itself; exceptions_types.cpp turns every line of exceptions.def into
// a constant-initialized PyTypeObject with make_exception_type<Kind>().
// Slots a kind leaves null are inherited by PyType_Ready, exactly where
// CPython's own definitions leave them null, so `KeyError.__dict__` or
// `ModuleNotFoundError.__dict__` hold the same names as under CPython.
#pragma once
#include <Python.h>
#include <structmember.h>

#include <cstddef>

namespace krait::exc {

// --- BaseException (exceptions_base.cpp) -----------------------------------
PyObject* BaseException_new(PyTypeObject* type, PyObject* args, PyObject* kwds);
int BaseException_init(PyObject* self, PyObject* args, PyObject* kwds);
int BaseException_clear(PyObject* self);
void BaseException_dealloc(PyObject* self);
int BaseException_traverse(PyObject* self, visitproc visit, void* arg);
PyObject* BaseException_str(PyObject* self);
PyObject* BaseException_repr(PyObject* self);
extern PyMethodDef BaseException_methods[];
extern PyMemberDef BaseException_members[];
extern PyGetSetDef BaseException_getset[];

// Rejects keyword arguments the way CPython's _PyArg_NoKeywords does.
bool no_keywords(const char* funcname, PyObject* kwds);

// --- the other layouts (exceptions_misc.cpp, _os.cpp, _unicode.cpp, _group.cpp)
#define KRAIT_EXC_STORE_DECLS(Store)                               \
  int Store##_init(PyObject* self, PyObject* args, PyObject* kwds); \
  int Store##_clear(PyObject* self);                              \
  void Store##_dealloc(PyObject* self);                           \
  int Store##_traverse(PyObject* self, visitproc visit, void* arg);
KRAIT_EXC_STORE_DECLS(StopIteration)
KRAIT_EXC_STORE_DECLS(SystemExit)
KRAIT_EXC_STORE_DECLS(ImportError)
KRAIT_EXC_STORE_DECLS(OSError)
KRAIT_EXC_STORE_DECLS(NameError)
KRAIT_EXC_STORE_DECLS(AttributeError)
KRAIT_EXC_STORE_DECLS(SyntaxError)
KRAIT_EXC_STORE_DECLS(UnicodeError)
KRAIT_EXC_STORE_DECLS(BaseExceptionGroup)
#undef KRAIT_EXC_STORE_DECLS
int UnicodeEncodeError_init(PyObject* self, PyObject* args, PyObject* kwds);
int UnicodeDecodeError_init(PyObject* self, PyObject* args, PyObject* kwds);
int UnicodeTranslateError_init(PyObject* self, PyObject* args, PyObject* kwds);

PyObject* KeyError_str(PyObject* self);
PyObject* ImportError_str(PyObject* self);
PyObject* OSError_str(PyObject* self);
PyObject* SyntaxError_str(PyObject* self);
PyObject* UnicodeEncodeError_str(PyObject* self);
PyObject* UnicodeDecodeError_str(PyObject* self);
PyObject* UnicodeTranslateError_str(PyObject* self);
PyObject* BaseExceptionGroup_str(PyObject* self);
PyObject* OSError_new(PyTypeObject* type, PyObject* args, PyObject* kwds);
PyObject* BaseExceptionGroup_new(PyTypeObject* type, PyObject* args, PyObject* kwds);

extern PyMemberDef StopIteration_members[];
extern PyMemberDef SystemExit_members[];
extern PyMemberDef ImportError_members[];
extern PyMethodDef ImportError_methods[];
extern PyMemberDef OSError_members[];
extern PyMethodDef OSError_methods[];
extern PyGetSetDef OSError_getset[];
extern PyMemberDef NameError_members[];
extern PyMemberDef AttributeError_members[];
extern PyMemberDef SyntaxError_members[];
extern PyMemberDef UnicodeError_members[];
extern PyMemberDef BaseExceptionGroup_members[];
extern PyMethodDef BaseExceptionGroup_methods[];

// --- kinds -------------------------------------------------------------------
// The defaults: a type of the BaseException layout that defines nothing but
// dealloc/traverse/clear (which every CPython exception type sets).
struct KindDefaults {
  using Object = PyBaseExceptionObject;
  static constexpr destructor dealloc = BaseException_dealloc;
  static constexpr traverseproc traverse = BaseException_traverse;
  static constexpr inquiry clear = BaseException_clear;
  static constexpr initproc init = BaseException_init;
  static constexpr newfunc new_ = nullptr;
  static constexpr reprfunc str = nullptr;
  static constexpr reprfunc repr = nullptr;
  static constexpr PyMethodDef* methods = nullptr;
  static constexpr PyMemberDef* members = nullptr;
  static constexpr PyGetSetDef* getset = nullptr;
  static constexpr getattrofunc getattro = nullptr;
  static constexpr setattrofunc setattro = nullptr;
};

struct RootKind : KindDefaults {
  static constexpr newfunc new_ = BaseException_new;
  static constexpr reprfunc str = BaseException_str;
  static constexpr reprfunc repr = BaseException_repr;
  static constexpr PyMethodDef* methods = BaseException_methods;
  static constexpr PyMemberDef* members = BaseException_members;
  static constexpr PyGetSetDef* getset = BaseException_getset;
  static constexpr getattrofunc getattro = PyObject_GenericGetAttr;
  static constexpr setattrofunc setattro = PyObject_GenericSetAttr;
};
// CPython's SimpleExtendsException: sets tp_new and tp_init explicitly.
struct SimpleKind : KindDefaults {
  static constexpr newfunc new_ = BaseException_new;
};
struct KeyErrorKind : KindDefaults {
  static constexpr reprfunc str = KeyError_str;
};

// A layout other than BaseException's: CPython's MiddlingExtendsException
// (the *SubKind kinds: dealloc/traverse/clear/init only) and its
// ComplexExtendsException (the full kinds).
#define KRAIT_EXC_SUBKIND(Store)                                   \
  struct Store##SubKind : KindDefaults {                           \
    using Object = Py##Store##Object;                              \
    static constexpr destructor dealloc = Store##_dealloc;         \
    static constexpr traverseproc traverse = Store##_traverse;     \
    static constexpr inquiry clear = Store##_clear;                \
    static constexpr initproc init = Store##_init;                 \
  };
KRAIT_EXC_SUBKIND(StopIteration)
KRAIT_EXC_SUBKIND(SystemExit)
KRAIT_EXC_SUBKIND(ImportError)
KRAIT_EXC_SUBKIND(OSError)
KRAIT_EXC_SUBKIND(NameError)
KRAIT_EXC_SUBKIND(AttributeError)
KRAIT_EXC_SUBKIND(SyntaxError)
KRAIT_EXC_SUBKIND(BaseExceptionGroup)
#undef KRAIT_EXC_SUBKIND

struct StopIterationKind : StopIterationSubKind {
  static constexpr PyMemberDef* members = StopIteration_members;
};
struct SystemExitKind : SystemExitSubKind {
  static constexpr PyMemberDef* members = SystemExit_members;
};
struct ImportErrorKind : ImportErrorSubKind {
  static constexpr reprfunc str = ImportError_str;
  static constexpr PyMethodDef* methods = ImportError_methods;
  static constexpr PyMemberDef* members = ImportError_members;
};
struct OSErrorKind : OSErrorSubKind {
  static constexpr newfunc new_ = OSError_new;
  static constexpr reprfunc str = OSError_str;
  static constexpr PyMethodDef* methods = OSError_methods;
  static constexpr PyMemberDef* members = OSError_members;
  static constexpr PyGetSetDef* getset = OSError_getset;
};
struct NameErrorKind : NameErrorSubKind {
  static constexpr reprfunc str = BaseException_str;
  static constexpr PyMemberDef* members = NameError_members;
};
struct AttributeErrorKind : AttributeErrorSubKind {
  static constexpr reprfunc str = BaseException_str;
  static constexpr PyMemberDef* members = AttributeError_members;
};
struct SyntaxErrorKind : SyntaxErrorSubKind {
  static constexpr reprfunc str = SyntaxError_str;
  static constexpr PyMemberDef* members = SyntaxError_members;
};
struct GroupKind : BaseExceptionGroupSubKind {
  static constexpr newfunc new_ = BaseExceptionGroup_new;
  static constexpr reprfunc str = BaseExceptionGroup_str;
  static constexpr PyMethodDef* methods = BaseExceptionGroup_methods;
  static constexpr PyMemberDef* members = BaseExceptionGroup_members;
};
struct UnicodeErrorKindBase : KindDefaults {
  using Object = PyUnicodeErrorObject;
  static constexpr destructor dealloc = UnicodeError_dealloc;
  static constexpr traverseproc traverse = UnicodeError_traverse;
  static constexpr inquiry clear = UnicodeError_clear;
  static constexpr newfunc new_ = BaseException_new;
  static constexpr PyMemberDef* members = UnicodeError_members;
};
struct UnicodeEncodeErrorKind : UnicodeErrorKindBase {
  static constexpr initproc init = UnicodeEncodeError_init;
  static constexpr reprfunc str = UnicodeEncodeError_str;
};
struct UnicodeDecodeErrorKind : UnicodeErrorKindBase {
  static constexpr initproc init = UnicodeDecodeError_init;
  static constexpr reprfunc str = UnicodeDecodeError_str;
};
struct UnicodeTranslateErrorKind : UnicodeErrorKindBase {
  static constexpr initproc init = UnicodeTranslateError_init;
  static constexpr reprfunc str = UnicodeTranslateError_str;
};

// --- shared helpers ---------------------------------------------------------
// The ExceptionGroup heap type (created at start-up), or nullptr before.
extern PyObject* g_exception_group;
// errno -> OSError subclass (a dict), filled at start-up.
extern PyObject* g_errno_map;

inline PyBaseExceptionObject* as_base(PyObject* o) {
  return reinterpret_cast<PyBaseExceptionObject*>(o);
}

}  // namespace krait::exc
