#include "rewriters/CallText.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Regex.h"

namespace detasklet {

namespace {

bool isIdentChar(char C) { return llvm::isAlnum(C) || C == '_'; }

// Skips blanks, newlines, comments and backslash-newlines (inside macro bodies).
unsigned skipSpace(llvm::StringRef S, unsigned I) {
  while (I < S.size()) {
    if (S[I] == ' ' || S[I] == '\t' || S[I] == '\n' || S[I] == '\r') {
      ++I;
    } else if (S[I] == '\\' && I + 1 < S.size() && S[I + 1] == '\n') {
      I += 2;
    } else if (S.substr(I).starts_with("/*")) {
      size_t E = S.find("*/", I + 2);
      I = E == llvm::StringRef::npos ? S.size() : E + 2;
    } else if (S.substr(I).starts_with("//")) {
      size_t E = S.find('\n', I);
      I = E == llvm::StringRef::npos ? S.size() : E;
    } else {
      break;
    }
  }
  return I;
}

std::pair<unsigned, unsigned> trimmed(llvm::StringRef S, unsigned B, unsigned E) {
  B = skipSpace(S, B);
  while (E > B && (S[E - 1] == ' ' || S[E - 1] == '\t' || S[E - 1] == '\n' ||
                   (S[E - 1] == '\\' && E < S.size() && S[E] == '\n')))
    --E;
  return {B, E};
}

} // namespace

std::optional<CallText> CallText::parse(llvm::StringRef S, unsigned Offset, llvm::StringRef Name) {
  if (Offset + Name.size() > S.size() || S.substr(Offset, Name.size()) != Name ||
      (Offset + Name.size() < S.size() && isIdentChar(S[Offset + Name.size()])))
    return std::nullopt;
  CallText C;
  C.Begin = Offset;
  C.NameEnd = Offset + Name.size();
  C.Open = skipSpace(S, C.NameEnd);
  if (C.Open >= S.size() || S[C.Open] != '(')
    return std::nullopt;
  int Depth = 0;
  unsigned ArgBegin = C.Open + 1;
  for (unsigned I = C.Open; I < S.size(); ++I) {
    char Ch = S[I];
    if (Ch == '"' || Ch == '\'') {
      for (++I; I < S.size() && S[I] != Ch; ++I)
        if (S[I] == '\\')
          ++I;
      continue;
    }
    if (S.substr(I).starts_with("/*") || S.substr(I).starts_with("//")) {
      I = skipSpace(S, I) - 1;
      continue;
    }
    if (Ch == '(' || Ch == '[' || Ch == '{') {
      ++Depth;
    } else if (Ch == ')' || Ch == ']' || Ch == '}') {
      if (--Depth == 0) {
        auto A = trimmed(S, ArgBegin, I);
        if (A.first < A.second)
          C.Args.push_back(A);
        C.End = I + 1;
        return C;
      }
    } else if (Ch == ',' && Depth == 1) {
      C.Args.push_back(trimmed(S, ArgBegin, I));
      ArgBegin = I + 1;
    }
  }
  return std::nullopt;
}

unsigned visualColumn(llvm::StringRef S, unsigned Offset) {
  size_t LineStart = S.rfind('\n', Offset == 0 ? 0 : Offset - 1);
  LineStart = LineStart == llvm::StringRef::npos ? 0 : LineStart + 1;
  if (Offset > 0 && S[Offset - 1] == '\n')
    LineStart = Offset;
  unsigned Col = 0;
  for (size_t I = LineStart; I < Offset; ++I)
    Col = S[I] == '\t' ? (Col / 8 + 1) * 8 : Col + 1;
  return Col;
}

namespace {

std::string indentTo(unsigned Col) {
  return std::string(Col / 8, '\t') + std::string(Col % 8, ' ');
}

// Lines of Text after the first that were aligned one past the old '(' are
// moved to one past the new one, as checkpatch --strict expects.
std::string realign(const std::string &Text, unsigned OldParenCol, unsigned NewParenCol) {
  if (OldParenCol == NewParenCol || Text.find('\n') == std::string::npos)
    return Text;
  llvm::SmallVector<llvm::StringRef> Lines;
  llvm::StringRef(Text).split(Lines, '\n');
  std::string Out = Lines[0].str();
  for (size_t I = 1; I < Lines.size(); ++I) {
    llvm::StringRef L = Lines[I];
    size_t Body = L.find_first_not_of(" \t");
    unsigned Col = 0;
    for (size_t J = 0; J < (Body == llvm::StringRef::npos ? L.size() : Body); ++J)
      Col = L[J] == '\t' ? (Col / 8 + 1) * 8 : Col + 1;
    Out += "\n";
    if (Body != llvm::StringRef::npos && Col == OldParenCol + 1)
      Out += indentTo(NewParenCol + 1) + L.drop_front(Body).str();
    else
      Out += L.str();
  }
  return Out;
}

} // namespace

std::string replaceKeepingColumn(llvm::StringRef S, unsigned Offset, unsigned &Length,
                                 const std::string &Text) {
  unsigned BlanksEnd = Offset + Length;
  while (BlanksEnd < S.size() && (S[BlanksEnd] == ' ' || S[BlanksEnd] == '\t'))
    ++BlanksEnd;
  llvm::StringRef Blanks = S.slice(Offset + Length, BlanksEnd);
  if (Blanks.size() < 2 || BlanksEnd == S.size() || S[BlanksEnd] == '\n')
    return Text;
  unsigned Target = visualColumn(S, BlanksEnd);
  unsigned From = visualColumn(S, Offset) + Text.size();
  Length = BlanksEnd - Offset;
  if (From >= Target)
    return Text + " "; // the new text is too long for the column: one blank
  std::string Out = Text;
  unsigned Col = From;
  if (Blanks.contains('\t'))
    for (unsigned Next = (Col / 8 + 1) * 8; Next <= Target; Next = (Col / 8 + 1) * 8) {
      Out += '\t';
      Col = Next;
    }
  Out += std::string(Target - Col, ' ');
  return Out;
}

namespace {
// "&(p->tl)" -> "&p->tl": checkpatch --strict flags the parentheses on every
// line it sees them, and the rewritten line is ours.
std::string withoutAddressParens(const std::string &Arg) {
  static const llvm::Regex Parenthesised(
      "^&[ \t]*\\([ \t]*([A-Za-z_][A-Za-z0-9_]*([ \t]*(->|\\.)[ \t]*[A-Za-z_][A-Za-z0-9_]*)+)"
      "[ \t]*\\)$");
  llvm::SmallVector<llvm::StringRef, 4> Groups;
  if (!Parenthesised.match(Arg, &Groups))
    return Arg;
  return "&" + Groups[1].str();
}
} // namespace

std::string rewriteCall(llvm::StringRef S, const CallText &Call, const CallTemplate &To,
                        const std::map<std::string, unsigned> &Roles,
                        const std::map<std::string, std::string> &Literals) {
  // "tasklet_schedule (t)": the space is against kernel style, and the new
  // name is ours to write, so it goes.
  llvm::StringRef Gap = S.slice(Call.NameEnd, Call.Open);
  std::string Between = Gap.find_first_not_of(" \t") == llvm::StringRef::npos ? "" : Gap.str();
  std::string Out = To.Callee + Between + "(";
  std::optional<unsigned> Previous; // the original argument placed last
  for (size_t I = 0; I < To.Args.size(); ++I) {
    const CallTemplate::Arg &A = To.Args[I];
    std::optional<unsigned> Original;
    std::string Text;
    if (A.Placeholder && Roles.count(A.Text)) {
      Original = Roles.at(A.Text);
      Text = withoutAddressParens(Call.arg(S, *Original));
    } else if (A.Placeholder && Literals.count(A.Text)) {
      Text = Literals.at(A.Text);
    } else {
      std::map<std::string, std::string> Values = Literals;
      for (const auto &[Role, Index] : Roles)
        Values[Role] = Call.arg(S, Index);
      Text = fillTemplate(A.Text, Values);
    }
    if (I > 0) {
      // Keep the author's separator (a line break, say) between neighbours.
      if (Previous && Original && *Original == *Previous + 1)
        Out += S.slice(Call.Args[*Previous].second, Call.Args[*Original].first).str();
      else
        Out += ", ";
    } else if (Original && *Original == 0) {
      Out += S.slice(Call.Open + 1, Call.Args[0].first).str();
    }
    Out += Text;
    Previous = Original;
  }
  unsigned Tail = Previous && *Previous + 1 == Call.Args.size() ? Call.Args.back().second
                                                                 : Call.End - 1;
  Out += S.slice(Tail, Call.End).str();
  unsigned OldParen = visualColumn(S, Call.Open);
  unsigned NewParen = visualColumn(S, Call.Begin) + Between.size() + To.Callee.size();
  return realign(Out, OldParen, NewParen);
}

} // namespace detasklet
