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

std::optional<StatementSlot> slotAfterCallStatement(llvm::StringRef Source, unsigned Begin,
                                                    unsigned End) {
  unsigned Start = lineStart(Source, Begin);
  if (!Source.slice(Start, Begin).trim().empty())
    return std::nullopt; // "if (x) call();" or "a = call();"
  StatementSlot Slot;
  unsigned Semi = skipBlanksAndComments(Source, End);
  if (Semi >= Source.size() || Source[Semi] != ';')
    return std::nullopt;
  Slot.After = Semi + 1;
  // The token before the statement, skipping backwards over blanks, comments,
  // preprocessor lines and labels on lines of their own.
  llvm::StringRef Before = Source.take_front(Start).rtrim();
  bool AcrossDirective = false;
  while (!Before.empty()) {
    llvm::StringRef Line = Before.substr(lineStart(Before, Before.size()));
    llvm::StringRef Code = Line.ltrim();
    if (Before.ends_with("*/")) {
      size_t Open = Before.rfind("/*");
      if (Open == llvm::StringRef::npos)
        return std::nullopt;
      Before = Before.take_front(Open).rtrim();
    } else if (Code.starts_with("//") || Code.starts_with("#")) {
      AcrossDirective |= Code.starts_with("#");
      Before = Before.drop_back(Line.size()).rtrim();
    } else if (Code.ends_with(":") && !Code.contains(';') && !Code.contains('?')) {
      Before = Before.drop_back(Line.size()).rtrim(); // "out:", "case X:", "default:"
    } else {
      break;
    }
  }
  if (Before.empty() || llvm::StringRef(";{}").contains(Before.back()))
    return Slot;
  // Braces around a body split by #if/#else would not pair up with it.
  if (!Before.ends_with(")") || AcrossDirective)
    return std::nullopt; // "else\n\tcall();", a macro, ...
  // The control statement's header: the '(' matching that ')', and its keyword.
  int Depth = 0;
  size_t Open = Before.size();
  while (Open-- > 0) {
    Depth += Before[Open] == ')' ? 1 : Before[Open] == '(' ? -1 : 0;
    if (Depth == 0)
      break;
  }
  if (Open == llvm::StringRef::npos || Open >= Before.size())
    return std::nullopt;
  llvm::StringRef Keyword = Before.take_front(Open).rtrim();
  bool If = Keyword.ends_with("if");
  if (!If && !Keyword.ends_with("for") && !Keyword.ends_with("while"))
    return std::nullopt;
  Keyword = Keyword.drop_back(If ? 2 : Keyword.ends_with("for") ? 3 : 5);
  if (!Keyword.empty() && (llvm::isAlnum(Keyword.back()) || Keyword.back() == '_'))
    return std::nullopt; // "xfor (", a macro
  if (!Keyword.rtrim().empty() && !llvm::StringRef(";{}:").contains(Keyword.rtrim().back()) &&
      !Keyword.rtrim().ends_with("else"))
    return std::nullopt;
  // An if with an else arm would need braces on every arm.
  if (If && Source.substr(skipBlanksAndComments(Source, Slot.After)).starts_with("else"))
    return std::nullopt;
  Slot.OpenBraceAt = Before.size();
  Slot.CloseIndent = lineIndent(Source, Keyword.size());
  return Slot;
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
