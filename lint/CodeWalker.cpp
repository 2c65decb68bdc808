#include "lint/CodeWalker.h"

#include "clang/Basic/LangOptions.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/SmallVector.h"

#include <cstring>

namespace detasklet::lint {

namespace {

// The kernel's dialect: GNU C11 (gnu11). Trigraphs are off, '$' may appear in
// identifiers, "//" comments exist.
clang::LangOptions kernelC() {
  clang::LangOptions LO;
  LO.C99 = LO.C11 = 1;
  LO.GNUMode = LO.GNUKeywords = 1;
  LO.LineComment = 1;
  LO.Digraphs = 1;
  LO.DollarIdents = 1;
  LO.Trigraphs = 0;
  return LO;
}

// Offsets to 1-based lines and columns, moving forward only.
class LinePosition {
public:
  explicit LinePosition(const char *Begin) : LineStart(Begin), Scanned(Begin) {}
  void advanceTo(const char *P) {
    while (Scanned < P) {
      const void *NL = std::memchr(Scanned, '\n', P - Scanned);
      if (!NL) {
        Scanned = P;
        break;
      }
      ++Line;
      Scanned = LineStart = static_cast<const char *>(NL) + 1;
    }
  }
  unsigned line() const { return Line; }
  unsigned column(const char *P) const { return P - LineStart + 1; }

private:
  unsigned Line = 1;
  const char *LineStart;
  const char *Scanned;
};

// A token's text without the backslash-newlines that may split it.
llvm::StringRef cleanSpelling(llvm::StringRef Raw, std::string &Scratch) {
  if (Raw.find('\\') == llvm::StringRef::npos)
    return Raw;
  Scratch.clear();
  for (size_t I = 0; I < Raw.size(); ++I) {
    if (Raw[I] == '\\') {
      size_t J = I + 1;
      while (J < Raw.size() && (Raw[J] == ' ' || Raw[J] == '\t'))
        ++J;
      if (J < Raw.size() && (Raw[J] == '\n' || Raw[J] == '\r')) {
        if (Raw[J] == '\r' && J + 1 < Raw.size() && Raw[J + 1] == '\n')
          ++J;
        I = J;
        continue;
      }
    }
    Scratch.push_back(Raw[I]);
  }
  return Scratch;
}

enum class Truth { False, True, Unknown };

// The value of an #if/#elif condition when it is a literal 0 or 1,
// possibly parenthesised.
Truth literalCondition(llvm::ArrayRef<llvm::StringRef> Words) {
  while (Words.size() >= 3 && Words.front() == "(" && Words.back() == ")")
    Words = Words.drop_front().drop_back();
  if (Words.size() != 1)
    return Truth::Unknown;
  if (Words[0] == "0")
    return Truth::False;
  if (Words[0] == "1")
    return Truth::True;
  return Truth::Unknown;
}

// One #if ... #endif: which branch is live, and the declaration state the
// branches start from and end with.
struct Conditional {
  bool ParentLive = true;
  bool Taken = false; // an earlier branch was a literal "1"
  bool BranchLive = true;
  bool HaveFirstEnd = false;
  DeclarationContext::State AtStart, FirstEnd;
};

bool isCodeDirective(llvm::StringRef Name) {
  return Name == "define" || Name == "undef" || Name == "if" || Name == "ifdef" ||
         Name == "ifndef" || Name == "elif" || Name == "elifdef" || Name == "elifndef";
}

} // namespace

void CodeWalker::walk(llvm::StringRef Text, Visitor Visit) {
  Declarations = DeclarationContext();
  const clang::LangOptions LO = kernelC();
  clang::Lexer Lex(clang::SourceLocation::getFromRawEncoding(1), LO, Text.begin(), Text.begin(),
                   Text.end());
  Lex.SetCommentRetentionState(false);
  LinePosition Position(Text.begin());
  std::vector<Conditional> Conditionals;
  std::string Scratch;

  auto Live = [&] { return Conditionals.empty() || Conditionals.back().BranchLive; };
  // Where a raw token starts: its location is the offset from the fake file start.
  auto OffsetOf = [](const clang::Token &T) { return T.getLocation().getRawEncoding() - 1; };
  auto Describe = [&](const clang::Token &T, bool IsCode, unsigned Declaration) {
    CodeToken Out;
    Out.Offset = OffsetOf(T);
    const char *Start = Text.begin() + Out.Offset;
    Out.Spelling = cleanSpelling(llvm::StringRef(Start, T.getLength()), Scratch);
    Out.IsIdentifier = T.is(clang::tok::raw_identifier);
    Out.IsCode = IsCode;
    Position.advanceTo(Start);
    Out.Line = Position.line();
    Out.Column = Position.column(Start);
    Out.Declaration = Declaration;
    return Out;
  };
  auto Spelling = [&](const clang::Token &T) {
    return llvm::StringRef(Text.begin() + OffsetOf(T), T.getLength());
  };

  clang::Token Tok;
  auto Next = [&] {
    Lex.LexFromRawLexer(Tok);
    return Tok.isNot(clang::tok::eof);
  };

  bool Have = Next();
  llvm::SmallVector<clang::Token, 32> Directive;
  while (Have) {
    if (!(Tok.is(clang::tok::hash) && Tok.isAtStartOfLine())) {
      if (Live()) {
        // Describe first: the spelling it computes is what the context reads.
        CodeToken Out = Describe(Tok, true, 0);
        Out.Declaration = Declarations.consume(Out.Spelling, Out.IsIdentifier);
        Visit(Out);
      }
      Have = Next();
      continue;
    }

    // A directive: every token up to the next line start.
    Directive.clear();
    Directive.push_back(Tok);
    while ((Have = Next()) && !Tok.isAtStartOfLine())
      Directive.push_back(Tok);
    llvm::StringRef Name =
        Directive.size() > 1 && Directive[1].is(clang::tok::raw_identifier) ? Spelling(Directive[1])
                                                                            : "";
    llvm::SmallVector<llvm::StringRef, 8> Condition;
    for (size_t I = 2; I < Directive.size(); ++I)
      Condition.push_back(Spelling(Directive[I]));

    // Conditionals change liveness; the directive line itself is read in the
    // region around it.
    bool LineLive = Live();
    if (Name == "if" || Name == "ifdef" || Name == "ifndef") {
      Conditional C;
      C.ParentLive = LineLive;
      Truth T = Name == "if" ? literalCondition(Condition) : Truth::Unknown;
      C.BranchLive = LineLive && T != Truth::False;
      C.Taken = T == Truth::True;
      C.AtStart = Declarations.state();
      Conditionals.push_back(std::move(C));
    } else if ((Name == "elif" || Name == "elifdef" || Name == "elifndef" || Name == "else") &&
               !Conditionals.empty()) {
      Conditional &C = Conditionals.back();
      LineLive = C.ParentLive;
      if (C.BranchLive && !C.HaveFirstEnd) {
        C.FirstEnd = Declarations.state();
        C.HaveFirstEnd = true;
      }
      Declarations.restore(C.AtStart);
      Truth T = Name == "elif" ? literalCondition(Condition) : Truth::Unknown;
      if (Name == "else")
        T = Truth::Unknown;
      C.BranchLive = C.ParentLive && !C.Taken && T != Truth::False;
      C.Taken |= T == Truth::True || Name == "else";
    } else if (Name == "endif" && !Conditionals.empty()) {
      Conditional &C = Conditionals.back();
      LineLive = C.ParentLive;
      if (C.HaveFirstEnd)
        Declarations.restore(C.FirstEnd);
      Conditionals.pop_back();
    }
    if (!LineLive)
      continue;

    bool IsCode = isCodeDirective(Name);
    unsigned Declaration = Declarations.state().Current;
    if ((Name == "define" || Name == "undef") && Directive.size() > 2)
      Declaration = Declarations.named("#" + Name.str() + " " + Spelling(Directive[2]).str());
    for (size_t I = 0; I < Directive.size(); ++I)
      Visit(Describe(Directive[I], IsCode && I >= 2, Declaration));
  }
  Declarations.finish();
}

} // namespace detasklet::lint
