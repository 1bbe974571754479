// source.h — from raw source bytes to the tokenizer's buffer.
//
// Applies PEP 263 (a coding declaration on line 1 or 2) and the UTF-8 BOM, decodes to
// UTF-8 (non-UTF-8 codecs through glibc's iconv), translates "\r\n" and "\r" to "\n", and — as CPython does for file input —
// appends a final newline when the text does not end with one.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "parser/parser.h"

namespace krait::parser {

// Returns the prepared buffer, or sets `err`.  *declared is set when a BOM or a coding
// declaration named the encoding (CPython's tok->encoding != NULL).  Undeclared input is
// UTF-8 and, as in CPython, is not validated up front: invalid bytes are reported where
// they are used (identifiers, string literals).
std::optional<std::string> prepare_source(std::string_view raw, Mode mode,
                                          SyntaxErrorInfo& err, bool* declared);

// CPython's UTF-8 decoder on `s`: false if valid, else the byte position of the first
// malformed sequence and the codec's reason ("invalid start byte", ...).
// *len (optional): how many bytes the error covers.
bool utf8_first_error(std::string_view s, size_t* pos, const char** reason,
                      size_t* len = nullptr);

// "'CODEC' codec can't decode byte 0xXX in position N: REASON".
std::string utf8_decode_error_msg(const std::string& codec, unsigned char byte, size_t pos,
                                  const char* reason, size_t len = 1);

}  // namespace krait::parser
