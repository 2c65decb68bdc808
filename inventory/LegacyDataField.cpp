#include "inventory/LegacyDataField.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringRef.h"

namespace detasklet {

namespace {

llvm::StringRef stripParens(llvm::StringRef S) {
  S = S.trim();
  while (S.starts_with("(") && S.ends_with(")")) {
    // Only when the outer pair matches: "(a)->b(c)" is not parenthesised.
    int Depth = 0;
    bool Outer = true;
    for (size_t I = 0; I < S.size() && Outer; ++I) {
      Depth += S[I] == '(' ? 1 : S[I] == ')' ? -1 : 0;
      Outer = Depth > 0 || I + 1 == S.size();
    }
    if (!Outer)
      break;
    S = S.drop_front().drop_back().trim();
  }
  return S;
}

// Identifiers, member access, constant-or-variable subscripts, '*' and
// parentheses: nothing that calls, assigns or increments.
bool pureAccess(llvm::StringRef S) {
  if (S.contains("++") || S.contains("--") || S.contains('=') || S.contains(','))
    return false;
  for (size_t I = 0; I < S.size(); ++I) {
    char C = S[I];
    if (llvm::isAlnum(C) || C == '_' || C == ' ' || C == '\t' || C == '\n' || C == '.' ||
        C == '[' || C == ']' || C == '*' || C == ')')
      continue;
    if (C == '-' && I + 1 < S.size() && S[I + 1] == '>') {
      ++I;
      continue;
    }
    if (C == '(') {
      llvm::StringRef Before = S.take_front(I).rtrim();
      if (!Before.empty() && (llvm::isAlnum(Before.back()) || Before.back() == '_'))
        return false; // a call
      continue;
    }
    return false;
  }
  return true;
}

} // namespace

std::optional<std::string> initFieldAccess(const ObjectDecl &O, const Use &Init) {
  llvm::StringRef Text = llvm::StringRef(Init.Text).trim();
  if (!Text.consume_front("&"))
    return std::nullopt;
  Text = stripParens(Text);
  llvm::StringRef Base = Text;
  if (!Base.consume_back(O.Name))
    return std::nullopt;
  Base = Base.rtrim();
  if (!Base.consume_back("->") && !Base.consume_back("."))
    return std::nullopt;
  if (Base.trim().empty() || !pureAccess(Text))
    return std::nullopt;
  return Text.str();
}

std::string dataFieldRefusal(const ObjectDecl &O, const Use &Init) {
  if (O.Kind != ObjectKind::Field)
    return "the tasklet is not a structure field, so there is no structure to keep the data in";
  if (O.ArraySize)
    return "the tasklet is an array; one data field per element would be needed";
  llvm::StringRef Record(O.Record);
  if (!Record.starts_with("struct ") || Record.contains('(') || Record.drop_front(7).contains(' '))
    return "its structure has no name to write container_of() with";
  if (!initFieldAccess(O, Init))
    return "the init does not name the tasklet as a plain member access (" + Init.Text +
           "), so the data field cannot be set beside it";
  return "";
}

} // namespace detasklet
