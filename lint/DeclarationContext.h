// Which top-level declaration a token belongs to, found from the token stream
// alone (no parse, no headers): the function whose body or header it is in,
// "struct foo" for a structure definition, the variable a "= { ... }"
// initialiser belongs to, "MACRO(arg)" for a file-scope macro call such as
// DECLARE_TASKLET(name, fn). The baseline keys findings on it so that edits in
// other functions do not disturb them; it only has to be stable and readable,
// not a C parser.
#ifndef DETASKLET_LINT_DECLARATIONCONTEXT_H
#define DETASKLET_LINT_DECLARATIONCONTEXT_H

#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace detasklet::lint {

class DeclarationContext {
public:
  DeclarationContext();

  // Feeds one token of live code outside preprocessor directives, and
  // returns the id of the declaration it belongs to. A declaration's name is
  // known only once its "{" or ";" is seen, so ask name() at the end.
  unsigned consume(llvm::StringRef Spelling, bool IsIdentifier);
  // A declaration with a fixed name, e.g. "#define KICK" for a macro body.
  unsigned named(std::string Name);
  // Names the declaration still open at the end of the file.
  void finish();
  llvm::StringRef name(unsigned Id) const { return Names[Id]; }

  // The parse state, for the #if/#else branches (whose braces need not
  // balance, as in two variants of one function header): each branch starts
  // from the state at #if, and after #endif the first branch's result stands.
  struct State {
    unsigned Depth = 0;      // brace depth
    unsigned ParenDepth = 0; // at depth 0 only
    unsigned BracketDepth = 0;
    unsigned Current = 0;    // id of the declaration being read
    bool IsFunction = false; // the open body is a function's (ends at its '}')
    bool Named = false;      // the name was fixed when the body opened
    std::string Previous;    // previous depth-0 token, if an identifier
    std::string CallName;    // first "name(" at paren depth 0 not spelled "__x"
    std::string AnyCallName; // first "name(" at paren depth 0
    std::string CallArgument;// first identifier inside CallName's parentheses
    bool WantCallArgument = false;
    std::string AssignTarget;// last identifier before a top-level "="
    std::string LastName;    // last identifier at paren and bracket depth 0
    std::string TagName;     // "struct foo" once "struct foo" is seen
    std::string TagKeyword;  // "struct"/"union"/"enum" just seen
  };
  const State &state() const { return S; }
  void restore(const State &Saved) { S = Saved; }

private:
  void startDeclaration();
  std::string resolvedName(bool OpensBody) const;

  State S;
  std::vector<std::string> Names;
};

} // namespace detasklet::lint

#endif
