// textio.h — the layout of _io.TextIOWrapper and what textio.cpp shares with
// textio_cookie.cpp (tell()/seek()).
#pragma once
#include <Python.h>

namespace krait::io {

enum EncodeFunc : char { kEncodeNone, kEncodeUTF8, kEncodeLatin1, kEncodeASCII };

struct TextIO {
  PyObject_HEAD
  int ok;
  int detached;
  Py_ssize_t chunk_size;
  PyObject* buffer;
  PyObject* encoding;
  PyObject* encoder;
  PyObject* decoder;
  PyObject* readnl;
  PyObject* errors;
  const char* writenl;  // nullptr: "\n" is written as is
  char line_buffering;
  char write_through;
  char readuniversal;
  char readtranslate;
  char writetranslate;
  char seekable;
  char has_read1;
  char telling;
  char finalizing;
  EncodeFunc encodefunc;  // a fast path for ASCII-compatible codecs
  char encoding_start_of_stream;
  PyObject* decoded_chars;  // decoded text not yet returned
  Py_ssize_t decoded_chars_used;
  PyObject* pending_bytes;  // bytes/str or a list of them, waiting for the buffer
  Py_ssize_t pending_bytes_count;
  PyObject* snapshot;  // (dec_flags, next_input) at the last chunk start
  double b2cratio;     // bytes per character of the last chunk
  PyObject* raw;       // the FileIO under an exact Buffered*, for closed checks
  PyObject* weakreflist;
  PyObject* dict;
};

bool textio_check_attached(TextIO* self);
bool textio_check_closed(TextIO* self);
void textio_set_decoded_chars(TextIO* self, PyObject* chars);
int textio_writeflush(TextIO* self);
PyObject* textio_decode(PyObject* decoder, PyObject* bytes, int eof);

PyObject* textio_tell(PyObject* self, PyObject*);
PyObject* textio_seek(PyObject* self, PyObject* const* args, Py_ssize_t nargs);

}  // namespace krait::io
