#include "rewriters/StatementText.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Regex.h"

namespace detasklet {

namespace {

unsigned lineStart(llvm::StringRef Source, unsigned Offset) {
  size_t NL = Source.take_front(Offset).rfind('\n');
  return NL == llvm::StringRef::npos ? 0 : NL + 1;
}

bool isBlank(char C) { return C == ' ' || C == '\t' || C == '\n' || C == '\r'; }

// Offset past blanks and comments from Pos on.
unsigned skipBlanksAndComments(llvm::StringRef S, unsigned Pos) {
  while (Pos < S.size()) {
    if (isBlank(S[Pos])) {
      ++Pos;
    } else if (S.substr(Pos).starts_with("/*")) {
      size_t Close = S.find("*/", Pos + 2);
      if (Close == llvm::StringRef::npos)
        return S.size();
      Pos = Close + 2;
    } else if (S.substr(Pos).starts_with("//")) {
      size_t NL = S.find('\n', Pos);
      Pos = NL == llvm::StringRef::npos ? S.size() : NL;
    } else {
      break;
    }
  }
  return Pos;
}

} // namespace

std::string lineIndent(llvm::StringRef Source, unsigned Offset) {
  llvm::StringRef Line = Source.substr(lineStart(Source, Offset));
  return Line.take_while([](char C) { return C == ' ' || C == '\t'; }).str();
}

std::optional<unsigned> endOfCallStatement(llvm::StringRef Source, unsigned Begin, unsigned End) {
  unsigned Start = lineStart(Source, Begin);
  if (!Source.slice(Start, Begin).trim().empty())
    return std::nullopt; // "if (x) call();" or "a = call();"
  // The token before the statement, skipping blanks and block comments backwards.
  llvm::StringRef Before = Source.take_front(Start).rtrim();
  while (Before.ends_with("*/")) {
    size_t Open = Before.rfind("/*");
    if (Open == llvm::StringRef::npos)
      return std::nullopt;
    Before = Before.take_front(Open).rtrim();
  }
  llvm::StringRef PrevLine = Before.substr(lineStart(Before, Before.size())).ltrim();
  bool AfterStatement = !Before.empty() && llvm::StringRef(";{}:").contains(Before.back());
  if (!AfterStatement && !PrevLine.starts_with("#"))
    return std::nullopt; // "if (x)\n\tcall();", "else\n\tcall();"
  unsigned Semi = skipBlanksAndComments(Source, End);
  if (Semi >= Source.size() || Source[Semi] != ';')
    return std::nullopt;
  return Semi + 1;
}

std::optional<unsigned> bodyOpenAfterParameter(llvm::StringRef Source, unsigned ParamEnd) {
  unsigned Pos = skipBlanksAndComments(Source, ParamEnd);
  if (Pos >= Source.size() || Source[Pos] != ')')
    return std::nullopt;
  Pos = skipBlanksAndComments(Source, Pos + 1);
  if (Pos >= Source.size() || Source[Pos] != '{')
    return std::nullopt;
  return Pos + 1;
}

bool nextLineDeclares(llvm::StringRef Source, unsigned Offset) {
  llvm::StringRef Rest = Source.substr(Offset);
  llvm::StringRef Line;
  do {
    std::tie(Line, Rest) = Rest.split('\n');
    Line = Line.trim();
  } while (Line.empty() && !Rest.empty());
  static const llvm::Regex Statement("^(return|goto|if|else|for|while|do|switch|case|break|"
                                     "continue)([^A-Za-z0-9_]|$)");
  // "type name", "type *name", "struct x name": two words before '=', ';', '[' or ','.
  static const llvm::Regex Declaration("^((const|static|volatile|struct|union|enum|unsigned|"
                                       "signed|long|short)[ \t]+)*[A-Za-z_][A-Za-z0-9_]*"
                                       "[ \t*]+[A-Za-z_][A-Za-z0-9_]*[ \t]*(=|;|\\[|,)");
  return !Statement.match(Line) && Declaration.match(Line);
}

} // namespace detasklet
