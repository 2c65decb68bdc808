#include "lint/LineFacts.h"

#include "lint/CodeWalker.h"
#include "lint/Finding.h"

#include <map>
#include <optional>

namespace detasklet::lint {

std::vector<LineFacts> describeLines(llvm::StringRef Text, llvm::ArrayRef<LinePosition> Positions) {
  struct Wanted {
    std::string Tokens;
    unsigned LastDeclaration = 0;
    unsigned LineOffset = 0; // where the line starts
  };
  std::map<unsigned, Wanted> Lines;
  for (const LinePosition &P : Positions)
    Lines[P.Line];
  std::vector<std::optional<unsigned>> Declaration(Positions.size());

  CodeWalker Walker;
  Walker.walk(Text, [&](const CodeToken &Tok) {
    auto It = Lines.find(Tok.Line);
    if (It == Lines.end())
      return;
    Wanted &W = It->second;
    if (!W.Tokens.empty())
      W.Tokens.push_back(' ');
    W.Tokens.append(Tok.Spelling.data(), Tok.Spelling.size());
    W.LastDeclaration = Tok.Declaration;
    W.LineOffset = Tok.Offset - (Tok.Column - 1);
    for (size_t I = 0; I < Positions.size(); ++I)
      if (!Declaration[I] && Positions[I].Line == Tok.Line && Tok.Column >= Positions[I].Column)
        Declaration[I] = Tok.Declaration;
  });

  std::vector<LineFacts> Out(Positions.size());
  for (size_t I = 0; I < Positions.size(); ++I) {
    const Wanted &W = Lines[Positions[I].Line];
    if (!W.Tokens.empty())
      Out[I].Context = Walker.declarationName(Declaration[I].value_or(W.LastDeclaration)).str();
    Out[I].LineTokens = W.Tokens;
    Out[I].CharColumn = W.Tokens.empty()
                            ? Positions[I].Column
                            : codePointColumn(Text.substr(W.LineOffset), Positions[I].Column);
  }
  return Out;
}

} // namespace detasklet::lint
