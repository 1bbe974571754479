// The character-property C API of cpython/unicodeobject.h (_PyUnicode_Is*,
// _PyUnicode_To*, _Py_ascii_whitespace): extensions reach these through macros
// such as Py_UNICODE_ISSPACE. Each is a thin wrapper over krait::unicode.
#include <Python.h>

#include "support/unicode_db.h"

namespace u = krait::unicode;

extern "C" {

// 1 for the ASCII whitespace characters str.split() and int() skip:
// \t \n \v \f \r, \x1c-\x1f and space.
const unsigned char _Py_ascii_whitespace[] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1,
    1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};

int _PyUnicode_IsLowercase(Py_UCS4 ch) { return u::is_lower(ch); }
int _PyUnicode_IsUppercase(Py_UCS4 ch) { return u::is_upper(ch); }
int _PyUnicode_IsTitlecase(Py_UCS4 ch) { return u::is_title(ch); }
int _PyUnicode_IsXidStart(Py_UCS4 ch) { return u::is_xid_start(ch); }
int _PyUnicode_IsXidContinue(Py_UCS4 ch) { return u::is_xid_continue(ch); }
int _PyUnicode_IsWhitespace(const Py_UCS4 ch) { return u::is_space(ch); }
int _PyUnicode_IsLinebreak(const Py_UCS4 ch) { return u::is_linebreak(ch); }
Py_UCS4 _PyUnicode_ToLowercase(Py_UCS4 ch) { return u::to_lower(ch); }
Py_UCS4 _PyUnicode_ToUppercase(Py_UCS4 ch) { return u::to_upper(ch); }
Py_UCS4 _PyUnicode_ToTitlecase(Py_UCS4 ch) { return u::to_title(ch); }

static int copy_full(int n, const char32_t* src, Py_UCS4* res) {
  for (int i = 0; i < n; i++) res[i] = src[i];
  return n;
}
int _PyUnicode_ToLowerFull(Py_UCS4 ch, Py_UCS4* res) {
  char32_t out[3];
  return copy_full(u::to_lower_full(ch, out), out, res);
}
int _PyUnicode_ToTitleFull(Py_UCS4 ch, Py_UCS4* res) {
  char32_t out[3];
  return copy_full(u::to_title_full(ch, out), out, res);
}
int _PyUnicode_ToUpperFull(Py_UCS4 ch, Py_UCS4* res) {
  char32_t out[3];
  return copy_full(u::to_upper_full(ch, out), out, res);
}
int _PyUnicode_ToFoldedFull(Py_UCS4 ch, Py_UCS4* res) {
  char32_t out[3];
  return copy_full(u::to_fold_full(ch, out), out, res);
}
int _PyUnicode_IsCaseIgnorable(Py_UCS4 ch) { return u::is_case_ignorable(ch); }
int _PyUnicode_IsCased(Py_UCS4 ch) { return u::is_cased(ch); }
int _PyUnicode_ToDecimalDigit(Py_UCS4 ch) { return u::decimal(ch); }
int _PyUnicode_ToDigit(Py_UCS4 ch) { return u::digit(ch); }
double _PyUnicode_ToNumeric(Py_UCS4 ch) {
  double v;
  return u::numeric(ch, &v) ? v : -1.0;
}
int _PyUnicode_IsDecimalDigit(Py_UCS4 ch) { return u::is_decimal(ch); }
int _PyUnicode_IsDigit(Py_UCS4 ch) { return u::is_digit(ch); }
int _PyUnicode_IsNumeric(Py_UCS4 ch) { return u::is_numeric(ch); }
int _PyUnicode_IsPrintable(Py_UCS4 ch) { return u::is_printable(ch); }
int _PyUnicode_IsAlpha(Py_UCS4 ch) { return u::is_alpha(ch); }

}  // extern "C"
