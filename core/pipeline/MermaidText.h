#pragma once
#include "pipeline/StageGraph.h"
#include <string>
#include <string_view>

namespace rs {

/// Text inside a double-quoted Mermaid label. Mermaid decodes `#name;` and `#<decimal>;` entity
/// codes in labels and renders `<br/>` as a line break, so a text is written as:
///   `"` -> `#quot;`; `#` `;` `&` `<` `>` `|` `%` and the backtick -> `#35;` `#59;` `#38;`
///   `#60;` `#62;` `#124;` `#37;` `#96;`; a newline -> `<br/>`; other control characters ->
///   `#<code>;`. Everything else (brackets, braces, parentheses, non-ASCII UTF-8) stays as is:
///   inside double quotes it has no meaning to Mermaid. The words "style" and "classDef" are
///   written with their last letter as a code ("styl#101;"): Mermaid's preprocessing would
///   otherwise cut the ';' off the last entity code of such a line.
std::string escapeMermaidText(std::string_view text);
/// The inverse of escapeMermaidText. Accepts `#quot;` and decimal codes, `<br/>` as a newline;
/// false with `error` for a bare `#`, an unknown entity, any other `<...>` or a raw `"`.
bool unescapeMermaidText(std::string_view escaped, std::string& out, std::string& error);

/// A node's label: the stage label, then one line per parameter ("key: value", the key with
/// `:` escaped as `#58;`). Lines are joined with `<br>`, while line breaks inside a text are
/// `<br/>`: Mermaid renders both as a line break, and the parser tells them apart.
std::string mermaidNodeLabel(const StageNode& n);
/// Reads a label written by mermaidNodeLabel into n.label and n.params.
bool parseMermaidNodeLabel(std::string_view escaped, StageNode& n, std::string& error);

/// The class a status is drawn with ("st_done") and its inverse.
std::string mermaidStatusClass(StageStatus s);
bool parseMermaidStatusClass(std::string_view name, StageStatus& out);
/// The classDef line body (after the class name) for a status: fill, stroke, text colour.
const char* mermaidStatusStyle(StageStatus s);

/// `id` when it is a safe stage id; otherwise a safe identifier made from it (unsafe characters
/// replaced by '_', "style"/"classDef" split by a '_', a leading digit or a reserved word
/// prefixed with "n_").
std::string mermaidSafeId(std::string_view id);

} // namespace rs
