/* C-API tests for the str/bytes formatting and codec functions of the
 * strings2 area: PyUnicode_Format, _PyUnicode_TransformDecimalAndSpaceToASCII,
 * the charmap codec (PyUnicode_DecodeCharmap, PyUnicode_AsCharmapString,
 * _PyUnicode_EncodeCharmap, PyUnicode_BuildEncodingMap), UTF-7,
 * _PyBytes_FormatEx, PyBytes_FromFormat, PyBytes_DecodeEscape, _PyBytes_Join.
 * Expected values were taken from /usr/bin/python3.11. */
#include "capi_check.h"

static PyObject* U(const char* s) { return PyUnicode_FromString(s); }

static void test_format(void) {
  PyObject* fmt = U("%s|%5d|%-6.2f|%#x|%(k)s");
  PyObject* args = Py_BuildValue("(sidi)", "a", 42, 3.14159, 255);
  PyObject* r = PyUnicode_Format(U("%s|%5d|%-6.2f|%#x"), args);
  CHECK_STR(r, "a|   42|3.14  |0xff");
  Py_XDECREF(r);
  Py_DECREF(args);
  PyObject* d = Py_BuildValue("{s:s}", "k", "v");
  r = PyUnicode_Format(U("%(k)s %(k)r"), d);
  CHECK_STR(r, "v 'v'");
  Py_XDECREF(r);
  Py_DECREF(d);
  Py_DECREF(fmt);
  r = PyUnicode_Format(U("%s %s"), PyLong_FromLong(1));
  CHECK(r == NULL);
  CHECK_ERROR(PyExc_TypeError, "not enough arguments for format string");
  args = Py_BuildValue("(ii)", 1, 2);
  r = PyUnicode_Format(U("%d"), args);
  CHECK(r == NULL);
  CHECK_ERROR(PyExc_TypeError, "not all arguments converted during string formatting");
  r = PyUnicode_Format(U("%y"), args);
  CHECK(r == NULL);
  CHECK_ERROR(PyExc_ValueError, "unsupported format character 'y' (0x79) at index 1");
  Py_DECREF(args);
  r = PyUnicode_Format(U("%d"), U("s"));
  CHECK(r == NULL);
  CHECK_ERROR(PyExc_TypeError, "%d format: a real number is required, not str");
  r = _PyUnicode_FormatLong(PyLong_FromLong(-255), 1, 5, 'X');
  CHECK_STR(r, "-0X000FF");
  Py_XDECREF(r);
}

static void test_transform(void) {
  /* Arabic-indic digits, an EM SPACE, a non-digit */
  PyObject* s = PyUnicode_FromString("\xd9\xa1\xd9\xa2\xe2\x80\x83" "3");
  PyObject* r = _PyUnicode_TransformDecimalAndSpaceToASCII(s);
  CHECK_STR(r, "12 3");
  Py_XDECREF(r);
  Py_DECREF(s);
  s = PyUnicode_FromString("1\xc3\xa9" "2");
  r = _PyUnicode_TransformDecimalAndSpaceToASCII(s);
  CHECK_STR(r, "1?");
  Py_XDECREF(r);
  Py_DECREF(s);
  s = U("12");
  r = _PyUnicode_TransformDecimalAndSpaceToASCII(s);
  CHECK(r == s);
  Py_XDECREF(r);
  Py_DECREF(s);
}

static void test_charmap(void) {
  /* a decoding table: byte i -> chr(i), except 0x80 -> U+20AC and 0x81 undefined */
  Py_UCS4 table[256];
  for (int i = 0; i < 256; i++) table[i] = (Py_UCS4)i;
  table[0x80] = 0x20AC;
  table[0x81] = 0xFFFE;
  PyObject* dt = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, table, 256);
  PyObject* r = PyUnicode_DecodeCharmap("a\x80" "b", 3, dt, NULL);
  CHECK_REPR(r, "'a\xe2\x82\xac" "b'");
  Py_XDECREF(r);
  r = PyUnicode_DecodeCharmap("a\x81" "b", 3, dt, NULL);
  CHECK(r == NULL);
  CHECK_ERROR(PyExc_UnicodeDecodeError,
              "'charmap' codec can't decode byte 0x81 in position 1: character maps to <undefined>");
  r = PyUnicode_DecodeCharmap("a\x81" "b", 3, dt, "replace");
  CHECK_REPR(r, "'a\xef\xbf\xbd" "b'");
  Py_XDECREF(r);
  PyObject* em = PyUnicode_BuildEncodingMap(dt);
  CHECK(em != NULL && strcmp(Py_TYPE(em)->tp_name, "EncodingMap") == 0);
  PyObject* text = PyUnicode_FromString("a\xe2\x82\xac" "b");
  r = PyUnicode_AsCharmapString(text, em);
  CHECK_REPR(r, "b'a\\x80b'");
  Py_XDECREF(r);
  Py_DECREF(text);
  text = PyUnicode_FromString("a\xc4\x80" "b\xc4\x81");
  r = PyUnicode_AsCharmapString(text, em);
  CHECK(r == NULL);
  CHECK_ERROR(PyExc_UnicodeEncodeError,
              "'charmap' codec can't encode character '\\u0100' in position 1: character maps to <undefined>");
  r = _PyUnicode_EncodeCharmap(text, em, "xmlcharrefreplace");
  CHECK_REPR(r, "b'a&#256;b&#257;'");
  Py_XDECREF(r);
  r = _PyUnicode_EncodeCharmap(text, em, "replace");
  CHECK_REPR(r, "b'a?b?'");
  Py_XDECREF(r);
  r = _PyUnicode_EncodeCharmap(text, em, "backslashreplace");
  CHECK_REPR(r, "b'a\\\\u0100b\\\\u0101'");
  Py_XDECREF(r);
  Py_DECREF(text);
  Py_XDECREF(em);
  Py_DECREF(dt);
  /* dict mappings */
  PyObject* dm = Py_BuildValue("{i:s,i:i}", 97, "xy", 98, 66);
  r = PyUnicode_DecodeCharmap("ab", 2, dm, "strict");
  CHECK_REPR(r, "'xyB'");
  Py_XDECREF(r);
  Py_DECREF(dm);
  dm = Py_BuildValue("{i:y,i:i}", 97, "xy", 98, 66);
  r = PyUnicode_AsCharmapString(U("ab"), dm);
  CHECK_REPR(r, "b'xyB'");
  Py_XDECREF(r);
  Py_DECREF(dm);
  dm = Py_BuildValue("{i:i}", 97, 256);
  r = PyUnicode_AsCharmapString(U("a"), dm);
  CHECK(r == NULL);
  CHECK_ERROR(PyExc_TypeError, "character mapping must be in range(256)");
  Py_DECREF(dm);
  /* a table whose byte 0 is not U+0000 builds a dict */
  r = PyUnicode_BuildEncodingMap(U("abc"));
  CHECK(r != NULL && PyDict_Check(r));
  Py_XDECREF(r);
}

static void test_utf7(void) {
  PyObject* r = PyUnicode_DecodeUTF7("a+ZeVnLIqe-b", 12, NULL);
  CHECK_REPR(r, "'a\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e" "b'");
  Py_XDECREF(r);
  r = PyUnicode_DecodeUTF7("+AGEA-", 6, NULL);
  CHECK(r == NULL);
  CHECK_ERROR(PyExc_UnicodeDecodeError,
              "'utf7' codec can't decode bytes in position 0-5: partial character in shift sequence");
  r = PyUnicode_DecodeUTF7("+AGEA-", 6, "replace");
  CHECK_REPR(r, "'a\xef\xbf\xbd'");
  Py_XDECREF(r);
  Py_ssize_t consumed = -1;
  r = PyUnicode_DecodeUTF7Stateful("a+AGEAYg", 8, "strict", &consumed);
  CHECK_REPR(r, "'a'");
  CHECK(consumed == 1);
  Py_XDECREF(r);
  PyObject* s = PyUnicode_FromString("a+b \xc3\xa9-\xf0\x9f\x98\x80x~");
  r = _PyUnicode_EncodeUTF7(s, 0, 0, NULL);
  CHECK_REPR(r, "b'a+-b +AOk--+2D3eAA-x+AH4-'");
  Py_XDECREF(r);
  Py_DECREF(s);
}

static void test_bytes(void) {
  PyObject* args = Py_BuildValue("(yid)", "ab", 255, 1.5);
  PyObject* r = _PyBytes_FormatEx("%s|%#06x|%+.2f", 14, args, 0);
  CHECK_REPR(r, "b'ab|0x00ff|+1.50'");
  Py_XDECREF(r);
  r = _PyBytes_FormatEx("%s|%#06x|%+.2f", 14, args, 1);
  CHECK_REPR(r, "bytearray(b'ab|0x00ff|+1.50')");
  Py_XDECREF(r);
  Py_DECREF(args);
  r = PyBytes_FromFormat("%d-%s-%c-%zd-%.2s-%%-%lu", 5, "xyz", 65, (Py_ssize_t)-3, "hello", 7UL);
  CHECK_REPR(r, "b'5-xyz-A--3-he-%-7'");
  Py_XDECREF(r);
  r = PyBytes_FromFormat("a%qb");
  CHECK_REPR(r, "b'a%qb'");
  Py_XDECREF(r);
  r = PyBytes_DecodeEscape("\\x41\\101\\n\\\nz", 13, NULL, 0, NULL);
  CHECK_REPR(r, "b'AA\\nz'");
  Py_XDECREF(r);
  r = PyBytes_DecodeEscape("a\\x4", 4, NULL, 0, NULL);
  CHECK(r == NULL);
  CHECK_ERROR(PyExc_ValueError, "invalid \\x escape at position 1");
  r = PyBytes_DecodeEscape("a\\x4", 4, "replace", 0, NULL);
  CHECK_REPR(r, "b'a?'");
  Py_XDECREF(r);
  r = PyBytes_DecodeEscape("abc\\", 4, NULL, 0, NULL);
  CHECK(r == NULL);
  CHECK_ERROR(PyExc_ValueError, "Trailing \\ in string");
  int c;
  const char* where;
  r = _PyBytes_DecodeEscape2("\\q", 2, NULL, &c, &where);
  CHECK_REPR(r, "b'\\\\q'");
  CHECK(c == 'q');
  Py_XDECREF(r);
  r = _PyBytes_DecodeEscape2("\\777", 4, NULL, &c, &where);
  CHECK_REPR(r, "b'\\xff'");
  CHECK(c == 0777);
  Py_XDECREF(r);
  PyObject* sep = PyBytes_FromString(", ");
  PyObject* parts = Py_BuildValue("[yy]", "a", "b");
  r = _PyBytes_Join(sep, parts);
  CHECK_REPR(r, "b'a, b'");
  Py_XDECREF(r);
  Py_DECREF(sep);
  Py_DECREF(parts);
}

int main(void) {
  Py_Initialize();
  test_format();
  test_transform();
  test_charmap();
  test_utf7();
  test_bytes();
  CAPI_TEST_END();
}
