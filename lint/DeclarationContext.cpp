#include "lint/DeclarationContext.h"

#include <cctype>

namespace detasklet::lint {

namespace {
// Kernel convention: all upper case is a macro; "SYSCALL_DEFINE3(ioctl, ...)"
// reads better with its first argument.
bool looksLikeMacro(llvm::StringRef Name) {
  bool HasLetter = false;
  for (char C : Name) {
    if (std::islower(static_cast<unsigned char>(C)))
      return false;
    HasLetter |= std::isupper(static_cast<unsigned char>(C)) != 0;
  }
  return HasLetter;
}
} // namespace

DeclarationContext::DeclarationContext() { startDeclaration(); }

void DeclarationContext::startDeclaration() {
  unsigned Depth = S.Depth;
  S = State();
  S.Depth = Depth;
  S.Current = Names.size();
  Names.emplace_back();
}

void DeclarationContext::finish() {
  if (!S.Named)
    Names[S.Current] = resolvedName(/*OpensBody=*/false);
}

unsigned DeclarationContext::named(std::string Name) {
  Names.push_back(std::move(Name));
  return Names.size() - 1;
}

std::string DeclarationContext::resolvedName(bool OpensBody) const {
  if (!S.AssignTarget.empty())
    return S.AssignTarget;
  std::string Call = !S.CallName.empty() ? S.CallName : S.AnyCallName;
  if (!Call.empty()) {
    if (looksLikeMacro(Call) && !S.CallArgument.empty())
      return Call + "(" + S.CallArgument + ")";
    return Call;
  }
  if (OpensBody && !S.TagName.empty())
    return S.TagName;
  return S.LastName;
}

unsigned DeclarationContext::consume(llvm::StringRef Tok, bool IsIdentifier) {
  if (S.Depth > 0) {
    // Inside a body: only braces matter.
    unsigned Id = S.Current;
    if (Tok == "{") {
      ++S.Depth;
    } else if (Tok == "}") {
      if (--S.Depth == 0 && S.IsFunction)
        startDeclaration(); // a function definition ends at its closing brace
    }
    return Id;
  }

  unsigned Id = S.Current;
  if (IsIdentifier) {
    if (S.ParenDepth == 0 && S.BracketDepth == 0)
      S.LastName = Tok.str();
    if (!S.TagKeyword.empty()) {
      if (S.TagName.empty())
        S.TagName = S.TagKeyword + " " + Tok.str();
      S.TagKeyword.clear();
    }
    if (Tok == "struct" || Tok == "union" || Tok == "enum")
      S.TagKeyword = Tok.str();
    if (S.WantCallArgument && Tok != "struct" && Tok != "union" && Tok != "enum" &&
        Tok != "const") {
      S.CallArgument = Tok.str();
      S.WantCallArgument = false;
    }
    S.Previous = Tok.str();
    return Id;
  }

  S.TagKeyword.clear();
  S.WantCallArgument = false;
  std::string Previous = std::move(S.Previous);
  S.Previous.clear();
  if (Tok == "(") {
    if (S.ParenDepth == 0 && !Previous.empty() && S.AssignTarget.empty()) {
      if (S.AnyCallName.empty())
        S.AnyCallName = Previous;
      if (S.CallName.empty() && !llvm::StringRef(Previous).starts_with("__")) {
        S.CallName = Previous;
        S.WantCallArgument = true;
      }
    }
    ++S.ParenDepth;
  } else if (Tok == ")") {
    if (S.ParenDepth > 0)
      --S.ParenDepth;
  } else if (Tok == "[") {
    ++S.BracketDepth;
  } else if (Tok == "]") {
    if (S.BracketDepth > 0)
      --S.BracketDepth;
  } else if (Tok == "=" && S.ParenDepth == 0 && S.AssignTarget.empty()) {
    S.AssignTarget = S.LastName;
  } else if (Tok == ";" && S.ParenDepth == 0) {
    finish();
    startDeclaration();
  } else if (Tok == "{") {
    // The name is fixed when the body opens; tokens after the closing brace
    // ("} bar;") still belong to the same declaration unless it was a function.
    if (!S.Named)
      Names[S.Current] = resolvedName(/*OpensBody=*/true);
    S.Named = true;
    S.IsFunction = S.AssignTarget.empty() && (!S.CallName.empty() || !S.AnyCallName.empty());
    S.Depth = 1;
  } else if (Tok == "}") {
    // Unbalanced at file scope (a macro opened the block): ignore.
  }
  return Id;
}

} // namespace detasklet::lint
