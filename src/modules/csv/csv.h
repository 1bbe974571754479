// csv.h — what the files of the `_csv` module share: the Dialect object
// layout, the module's state (error class, dialect registry, field limit)
// and the type objects.
#pragma once
#include <Python.h>

namespace krait::csv {

// Quoting styles, the values of _csv.QUOTE_*.
enum QuoteStyle { kQuoteMinimal = 0, kQuoteAll = 1, kQuoteNonNumeric = 2, kQuoteNone = 3 };

// quotechar / escapechar when the dialect has none (None on the Python side).
// Not a code point, so NUL stays an ordinary character.
inline constexpr Py_UCS4 kNotSet = Py_UCS4(-1);
// End of an input line, fed to the reader's state machine after the last
// character of each line.
inline constexpr Py_UCS4 kEndOfLine = Py_UCS4(-2);

struct DialectObject {
  PyObject_HEAD
  char doublequote;        // is a quotechar inside a field written doubled?
  char skipinitialspace;   // ignore spaces right after a delimiter
  char strict;             // raise Error on malformed input
  int quoting;             // QuoteStyle
  Py_UCS4 delimiter;
  Py_UCS4 quotechar;       // or kNotSet
  Py_UCS4 escapechar;      // or kNotSet
  PyObject* lineterminator;  // str
};

extern PyTypeObject Dialect_Type;
extern PyTypeObject Reader_Type;
extern PyTypeObject Writer_Type;

// Module state (the module is single-instance).
extern PyObject* g_error;     // _csv.Error
extern PyObject* g_dialects;  // name -> Dialect
extern long g_field_limit;    // longest field the reader accepts

// Dialect(dialect_or_None, **kwargs): a new reference or NULL.
PyObject* make_dialect(PyObject* dialect, PyObject* kwargs);
// The registered dialect called `name` (new reference), or NULL with Error set.
PyObject* registered_dialect(PyObject* name);

// _csv.reader(iterable, dialect='excel', **fmtparams) and _csv.writer(...).
PyObject* csv_reader(PyObject* module, PyObject* args, PyObject* kwargs);
PyObject* csv_writer(PyObject* module, PyObject* args, PyObject* kwargs);

}  // namespace krait::csv
