// source.h — from raw source bytes to the tokenizer's buffer.
//
// Applies PEP 263 (a coding declaration on line 1 or 2) and the UTF-8 BOM, decodes to
// UTF-8, translates "\r\n" and "\r" to "\n", and — as CPython does for file input —
// appends a final newline when the text does not end with one.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "parser/parser.h"

namespace krait::parser {

// Returns the prepared buffer, or sets `err`.
std::optional<std::string> prepare_source(std::string_view raw, Mode mode,
                                          SyntaxErrorInfo& err);

}  // namespace krait::parser
