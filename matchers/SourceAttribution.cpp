#include "matchers/SourceAttribution.h"

#include "inventory/PathUtil.h"
#include "clang/AST/TypeLoc.h"
#include "clang/Lex/Lexer.h"
#include "clang/Lex/MacroInfo.h"

namespace detasklet {

using namespace clang;

bool TuContext::isTaskletRecord(QualType T) const {
  if (T.isNull())
    return false;
  const auto *RT = T.getCanonicalType()->getAs<RecordType>();
  return RT && RT->getDecl()->getName() == Api.record();
}

bool TuContext::isTaskletStorage(QualType T) const {
  if (T.isNull())
    return false;
  QualType C = T.getCanonicalType();
  while (const auto *AT = dyn_cast<ArrayType>(C.getTypePtr()))
    C = AT->getElementType().getCanonicalType();
  return isTaskletRecord(C);
}

bool TuContext::isTaskletPointer(QualType T) const {
  if (T.isNull())
    return false;
  const auto *PT = T.getCanonicalType()->getAs<PointerType>();
  return PT && isTaskletRecord(PT->getPointeeType());
}

std::string TuContext::fileOf(SourceLocation Loc, const SourceManager &SM) {
  FileID FID = SM.getFileID(SM.getExpansionLoc(Loc));
  auto It = FileNames.find(FID);
  if (It != FileNames.end())
    return It->second;
  std::string Name;
  if (OptionalFileEntryRef FE = SM.getFileEntryRefForID(FID))
    Name = relativeTo(normalizePath(FE->getName(), WorkingDir), Root);
  else
    Name = SM.getBufferName(SM.getExpansionLoc(Loc)).str();
  FileNames[FID] = Name;
  return Name;
}

SourcePos TuContext::pos(SourceLocation Loc, const SourceManager &SM) {
  if (Loc.isInvalid())
    return {};
  SourceLocation File = SM.getFileLoc(Loc);
  SourcePos P;
  P.File = fileOf(File, SM);
  P.Line = SM.getSpellingLineNumber(File);
  P.Column = SM.getSpellingColumnNumber(File);
  return P;
}

bool TuContext::isApiMacro(StringRef Name, SourceLocation DefLoc, const ASTContext &Ctx) {
  return Api.declareMacro(Name) || Api.containerMacro(Name) || Api.initMacro(Name) ||
         inImplementation(DefLoc, Ctx);
}

bool TuContext::inInitMacro(SourceLocation Loc, const ASTContext &Ctx) {
  if (!Loc.isMacroID())
    return false;
  for (const std::string &Name : macroBodies(Loc, Ctx))
    if (Api.initMacro(Name) || Api.declareMacro(Name))
      return true;
  return false;
}

UseSite TuContext::site(SourceLocation Loc, const ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  UseSite S;
  S.Where = pos(SM.getExpansionLoc(Loc), SM);
  S.Spelling = pos(SM.getSpellingLoc(Loc), SM);
  // Walk out from the token: a macro argument leads back to where the argument
  // was written; a macro body leads to the macro's invocation. Only bodies count:
  // the use is then written inside that macro.
  std::vector<MacroStep> InnermostFirst;
  SourceLocation L = Loc;
  while (L.isMacroID()) {
    if (SM.isMacroArgExpansion(L)) {
      L = SM.getImmediateSpellingLoc(L);
      continue;
    }
    StringRef Name = Lexer::getImmediateMacroName(L, SM, Ctx.getLangOpts());
    SourceLocation Def = SM.getSpellingLoc(L);
    if (PP)
      if (const MacroInfo *MI = PP->getMacroInfo(PP->getIdentifierInfo(Name)))
        Def = MI->getDefinitionLoc();
    SourceLocation Caller = SM.getImmediateExpansionRange(L).getBegin();
    if (!isApiMacro(Name, Def, Ctx))
      InnermostFirst.push_back({Name.str(), pos(Def, SM), pos(SM.getExpansionLoc(Caller), SM)});
    L = Caller;
  }
  S.Macros.assign(InnermostFirst.rbegin(), InnermostFirst.rend());
  return S;
}

TextRange TuContext::written(SourceRange Range, const ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation B = SM.getSpellingLoc(Range.getBegin());
  SourceLocation E = SM.getSpellingLoc(Range.getEnd());
  auto [BFile, BOffset] = SM.getDecomposedLoc(B);
  auto [EFile, EOffset] = SM.getDecomposedLoc(E);
  if (B.isInvalid() || BFile != EFile || EOffset < BOffset || !SM.getFileEntryRefForID(BFile))
    return {};
  TextRange R;
  R.File = fileOf(B, SM);
  R.Offset = BOffset;
  R.Length = EOffset - BOffset + Lexer::MeasureTokenLength(E, SM, Ctx.getLangOpts());
  return R;
}

SourceLocation TuContext::macroInvocation(SourceLocation Loc, StringRef Name,
                                          const ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  while (Loc.isMacroID()) {
    if (SM.isMacroArgExpansion(Loc)) {
      Loc = SM.getImmediateSpellingLoc(Loc);
      continue;
    }
    SourceLocation Caller = SM.getImmediateExpansionRange(Loc).getBegin();
    if (Lexer::getImmediateMacroName(Loc, SM, Ctx.getLangOpts()) == Name)
      return SM.getSpellingLoc(Caller);
    Loc = Caller;
  }
  return {};
}

TextRange TuContext::writtenElementType(TypeLoc TL, const ASTContext &Ctx) {
  while (auto ATL = TL.getAs<ArrayTypeLoc>())
    TL = ATL.getElementLoc();
  // DEFINE_PER_CPU(type, name) declares __typeof__(type) name: the type to
  // edit is the macro argument inside.
  if (auto TOL = TL.getAs<TypeOfTypeLoc>())
    TL = TOL.getUnmodifiedTInfo()->getTypeLoc();
  return written(TL.getSourceRange(), Ctx);
}

TextRange TuContext::writtenPointee(TypeLoc TL, const ASTContext &Ctx) {
  TL = TL.getUnqualifiedLoc();
  if (auto PTL = TL.getAs<PointerTypeLoc>())
    return written(PTL.getPointeeLoc().getSourceRange(), Ctx);
  return {};
}

std::vector<std::string> TuContext::macroBodies(SourceLocation Loc, const ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  std::vector<std::string> Names;
  while (Loc.isMacroID()) {
    if (SM.isMacroArgExpansion(Loc)) {
      Loc = SM.getImmediateSpellingLoc(Loc);
      continue;
    }
    Names.insert(Names.begin(), Lexer::getImmediateMacroName(Loc, SM, Ctx.getLangOpts()).str());
    Loc = SM.getImmediateExpansionRange(Loc).getBegin();
  }
  return Names;
}

std::string TuContext::text(SourceRange Range, const ASTContext &Ctx) const {
  const SourceManager &SM = Ctx.getSourceManager();
  CharSourceRange R = SM.getExpansionRange(Range);
  return Lexer::getSourceText(R, SM, Ctx.getLangOpts()).str();
}

bool TuContext::inImplementation(SourceLocation Loc, const ASTContext &Ctx) {
  if (Loc.isInvalid())
    return false;
  const SourceManager &SM = Ctx.getSourceManager();
  FileID FID = SM.getFileID(SM.getExpansionLoc(Loc));
  auto It = ImplementationFiles.find(FID);
  if (It != ImplementationFiles.end())
    return It->second;
  bool Impl = Api.isImplementationFile(fileOf(Loc, SM));
  // Wherever the tasklet structure is defined is the API's header, whatever its path
  // (the kernel's include/linux/interrupt.h, or a shim).
  if (!Impl)
    for (const Decl *D : Ctx.getTranslationUnitDecl()->lookup(
             &Ctx.Idents.get(Api.record()))) // tags live in the same lookup table in C
      if (const auto *RD = dyn_cast<RecordDecl>(D))
        if (const RecordDecl *Def = RD->getDefinition())
          Impl = SM.getFileID(SM.getExpansionLoc(Def->getLocation())) == FID;
  ImplementationFiles[FID] = Impl;
  return Impl;
}

std::string TuContext::functionKey(const FunctionDecl *FD) {
  FD = FD->getCanonicalDecl();
  if (FD->isExternallyVisible())
    return FD->getName().str();
  return fileOf(FD->getLocation(), FD->getASTContext().getSourceManager()) + ":" +
         FD->getName().str();
}

std::string TuContext::variableKey(const VarDecl *VD) {
  const SourceManager &SM = VD->getASTContext().getSourceManager();
  if (const auto *FD = dyn_cast_or_null<FunctionDecl>(VD->getParentFunctionOrMethod()))
    return functionKey(FD) + ":" + VD->getName().str();
  if (VD->isExternallyVisible())
    return VD->getName().str();
  return fileOf(VD->getLocation(), SM) + ":" + VD->getName().str();
}

} // namespace detasklet
