#include "rewriters/EditPlanner.h"

#include "inventory/LegacyDataField.h"
#include "inventory/Reasons.h"
#include "rewriters/CallText.h"
#include "rewriters/ContextWarnings.h"
#include "rewriters/StatementText.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <cstring>
#include <set>

namespace detasklet {

const std::string *SourceFiles::get(const std::string &Path) {
  auto It = Cache.find(Path);
  if (It != Cache.end())
    return It->second.get();
  llvm::SmallString<256> Full(Root);
  llvm::sys::path::append(Full, Path);
  auto Buffer = llvm::MemoryBuffer::getFile(Full, /*IsText=*/false, /*RequiresNullTerminator=*/false);
  std::unique_ptr<std::string> Content;
  if (Buffer)
    Content = std::make_unique<std::string>((*Buffer)->getBuffer().str());
  return (Cache[Path] = std::move(Content)).get();
}

std::optional<std::string> UnscannedIncluders::includerOf(const std::string &Header) {
  if (llvm::StringRef(Header).ends_with(".c") || Tus.empty())
    return std::nullopt;
  if (!Indexed) {
    // One pass over the unscanned TUs, read and dropped: the file names their
    // #include lines name. Textual and direct: it over-approximates (another
    // header of the same name reached through -I), which only keeps more
    // alone; headers reached through other headers are not seen. A quoted
    // include of a file that exists beside the TU is that file, not any
    // header of the name (scripts/kconfig/conf.c's "internal.h" is not mhi's).
    Indexed = true;
    for (const std::string &Tu : Tus) {
      llvm::SmallString<256> Path(Sources.root());
      llvm::sys::path::append(Path, Tu);
      auto Buffer = llvm::MemoryBuffer::getFile(Path);
      if (!Buffer)
        continue;
      llvm::SmallVector<llvm::StringRef> Lines;
      (*Buffer)->getBuffer().split(Lines, '\n');
      for (llvm::StringRef Line : Lines) {
        Line = Line.trim();
        if (!Line.consume_front("#") || !Line.ltrim().starts_with("include"))
          continue;
        // The first "name" or <name> after "include"; a comment may follow it.
        Line = Line.ltrim().drop_front(strlen("include")).ltrim();
        bool Quoted = Line.starts_with("\"");
        if (!Quoted && !Line.starts_with("<"))
          continue; // a macro naming the header
        Line = Line.drop_front().take_until([](char C) { return C == '"' || C == '>'; });
        Includer I{Tu, ""};
        if (Quoted) {
          llvm::SmallString<256> Beside(llvm::sys::path::parent_path(Tu));
          llvm::sys::path::append(Beside, Line);
          llvm::sys::path::remove_dots(Beside, /*remove_dot_dot=*/true);
          llvm::SmallString<256> Full(Sources.root());
          llvm::sys::path::append(Full, Beside);
          if (llvm::sys::fs::exists(Full))
            I.Resolved = Beside.str().str();
        }
        IncludedBy[llvm::sys::path::filename(Line).str()].push_back(std::move(I));
      }
    }
  }
  auto It = IncludedBy.find(llvm::sys::path::filename(Header).str());
  if (It == IncludedBy.end())
    return std::nullopt;
  for (const Includer &I : It->second)
    if (I.Resolved.empty() || I.Resolved == Header)
      return I.Tu;
  return std::nullopt;
}

namespace {

// Whitespace-insensitive comparison of short code fragments.
std::string squeeze(llvm::StringRef S) {
  std::string Out;
  bool Space = false;
  for (char C : S.trim()) {
    if (C == ' ' || C == '\t' || C == '\n' || C == '\\') {
      Space = true;
      continue;
    }
    if (Space && !Out.empty() && (llvm::isAlnum(C) || C == '_') &&
        (llvm::isAlnum(Out.back()) || Out.back() == '_'))
      Out += ' ';
    Space = false;
    Out += C;
  }
  return Out;
}

const char *const TaskletType = "struct tasklet_struct";
const unsigned MaxLineColumns = 100; // kernel coding style, as checkpatch counts

// Plans one group; every check that fails adds a problem instead of an edit.
class GroupPlanner {
public:
  GroupPlanner(const ConvertRules &Rules, SourceFiles &Sources, UnscannedIncluders &Unscanned,
               const std::map<std::string, FunctionInfo> &Functions,
               std::vector<const ObjectReport *> Members, GroupPlan &Plan)
      : Rules(Rules), Sources(Sources), Unscanned(Unscanned), Functions(Functions),
        Members(std::move(Members)), Plan(Plan) {}

  void run() {
    collectUsesAndCallbacks();
    chooseQueue();
    planRenames();
    for (const ObjectReport *O : Members)
      retypeObject(*O);
    for (const Use *U : Uses)
      rewriteUse(*U);
    for (const CallbackInfo &C : Callbacks)
      rewriteCallback(C);
    for (const AliasDef &A : Carriers)
      for (const TypeSite &S : A.Types)
        retype(S.TypeText, A.Description);
    for (const CallbackSlot &S : Slots)
      retypeSlot(S);
    for (size_t I = 0; I < Renames.size(); ++I)
      if (!RenameConsumed[I])
        addEdit(Renames[I].Range, Renames[I].Text);
  }

private:
  const ConvertRules &Rules;
  SourceFiles &Sources;
  UnscannedIncluders &Unscanned;
  const std::map<std::string, FunctionInfo> &Functions;
  std::vector<const ObjectReport *> Members;
  GroupPlan &Plan;
  std::vector<const Use *> Uses;
  std::vector<CallbackInfo> Callbacks;
  std::vector<AliasDef> Carriers;
  std::vector<CallbackSlot> Slots;
  std::string Queue;
  std::map<std::string, std::string> NewFieldName; // old -> new, for the group's fields
  std::vector<PlannedEdit> Renames;                // every written mention of a renamed name
  std::vector<bool> RenameConsumed;                // applied inside a rewritten call instead

  // A name is changed per the rules' renames, when the new name is free and
  // every mention is written as the old name; a field in its struct, a
  // file-local callback in its TU (only for renames of the word the
  // inventory checked for collisions: "tasklet").
  void planRenames() {
    for (const ObjectReport *O : Members) {
      if (O->Decl.Kind != ObjectKind::Field)
        continue;
      std::string New = renamed(O->Decl.Name);
      if (New != O->Decl.Name && !sharesTokenWithSlot(*O) &&
          !std::count(O->Decl.Siblings.begin(), O->Decl.Siblings.end(), New) &&
          renameMentions(O->Mentions, O->Decl.Name, New))
        NewFieldName[O->Decl.Name] = New;
    }
    std::set<std::string> Taken;
    for (const CallbackInfo &C : Callbacks) {
      std::string New = renamed(C.Name, "tasklet");
      if (C.FileLocal && New != C.Name && !Taken.count(New) &&
          !std::binary_search(C.RenameNeighbours.begin(), C.RenameNeighbours.end(), New) &&
          renameMentions(C.Mentions, C.Name, New))
        Taken.insert(New);
    }
    std::sort(Renames.begin(), Renames.end(),
              [](const PlannedEdit &A, const PlannedEdit &B) { return A.Range < B.Range; });
    RenameConsumed.assign(Renames.size(), false);
  }

  // A field whose name is written by the same token as an ops-table field's
  // (a driver macro's parameter used for both: p->name and p->ops->name) is
  // not renamed: renaming that token would rename the ops field's access too,
  // and the ops field keeps its name (its other users may not all be scanned).
  bool sharesTokenWithSlot(const ObjectReport &O) const {
    for (const CallbackSlot &S : Slots)
      for (const TextRange &M : S.Mentions)
        if (std::find(O.Mentions.begin(), O.Mentions.end(), M) != O.Mentions.end())
          return true;
    return false;
  }

  // Name with the rules' renames applied (only the one of Word, when given).
  std::string renamed(const std::string &Name, llvm::StringRef Word = "") const {
    std::string New = Name;
    for (const auto &[From, To] : Rules.Renames)
      if (size_t At = New.find(From); At != std::string::npos && (Word.empty() || From == Word))
        New.replace(At, From.size(), To);
    return New;
  }

  // Plans the edits of a rename; false (nothing planned) when a mention is not
  // written as the old name (token pasting) or lies outside the tree.
  bool renameMentions(const std::vector<TextRange> &Mentions, const std::string &Old,
                      const std::string &New) {
    std::vector<PlannedEdit> Edits;
    for (const TextRange &M : Mentions) {
      const std::string *S =
          M.valid() && !llvm::sys::path::is_absolute(M.File) ? Sources.get(M.File) : nullptr;
      if (!S || llvm::StringRef(*S).substr(M.Offset, M.Length) != Old)
        return false;
      Edits.push_back({M, New});
    }
    Renames.insert(Renames.end(), Edits.begin(), Edits.end());
    return !Edits.empty();
  }

  // A member path with its last component (the tasklet field) renamed.
  std::string renamedPath(const std::string &Path) const {
    size_t Dot = Path.rfind('.');
    std::string Last = Dot == std::string::npos ? Path : Path.substr(Dot + 1);
    auto It = NewFieldName.find(Last);
    if (It == NewFieldName.end())
      return Path;
    return (Dot == std::string::npos ? "" : Path.substr(0, Dot + 1)) + It->second;
  }

  // The source with the renames inside [Begin, End) of File applied; they are
  // then part of the rewritten text and not edited separately.
  std::string withRenamesInside(const std::string &Source, const std::string &File,
                                unsigned Begin, unsigned End) {
    std::string Out = Source.substr(0, End);
    for (size_t I = Renames.size(); I-- > 0;) {
      const TextRange &R = Renames[I].Range;
      if (R.File == File && R.Offset >= Begin && R.Offset + R.Length <= End) {
        Out.replace(R.Offset, R.Length, Renames[I].Text);
        RenameConsumed[I] = true;
      }
    }
    return Out;
  }

  void problem(const std::string &Code, const SourcePos &At, const std::string &Detail) {
    for (const Finding &Known : Plan.Problems)
      if (Known.Code == Code && Known.Message == Detail)
        return; // one edit after another hits the same wall
    Finding F;
    F.Code = Code;
    F.Message = Detail;
    F.At = At;
    Plan.Problems.push_back(std::move(F));
  }
  SourcePos at(const TextRange &R) const { return SourcePos{R.File, 0, 0}; }

  // The text at a range, or null (with a problem) when it cannot be edited here.
  const std::string *source(const TextRange &R, const std::string &What) {
    if (!R.valid() || llvm::sys::path::is_absolute(R.File)) {
      problem("edit-outside-tree", at(R), What + " is not written in a file of the tree");
      return nullptr;
    }
    const std::string *S = Sources.get(R.File);
    if (!S || R.Offset + R.Length > S->size()) {
      problem("file-unreadable", at(R), R.File + " cannot be read or changed since the scan");
      return nullptr;
    }
    if (std::optional<std::string> Tu = Unscanned.includerOf(R.File)) {
      problem("header-shared-with-unscanned", at(R),
              R.File + " is also included by " + *Tu +
                  ", which was not scanned: scan it too (or the whole directory)");
      return nullptr;
    }
    return S;
  }

  void addEdit(const TextRange &R, std::string Text) { Plan.Edits.push_back({R, std::move(Text)}); }

  void collectUsesAndCallbacks() {
    std::set<std::pair<TextRange, UseKind>> Seen;
    std::set<std::string> CallbackKeys, CarrierKeys;
    for (const ObjectReport *O : Members) {
      for (const Use &U : O->Uses)
        if (Seen.insert({U.Anchor, U.Kind}).second || !U.Anchor.valid())
          Uses.push_back(&U);
      for (const CallbackInfo &C : O->Callbacks)
        if (CallbackKeys.insert(C.Key).second)
          Callbacks.push_back(C);
      for (const AliasDef &A : O->Carriers)
        if (CarrierKeys.insert(A.Key).second)
          Carriers.push_back(A);
      for (const CallbackSlot &S : O->Slots)
        if (CarrierKeys.insert(S.Key).second)
          Slots.push_back(S);
    }
  }

  bool uses(UseKind K) const {
    return std::any_of(Uses.begin(), Uses.end(), [K](const Use *U) { return U->Kind == K; });
  }

  void chooseQueue() {
    bool Hi = uses(UseKind::ScheduleHi), Normal = uses(UseKind::Schedule);
    if (Hi && Normal && !Rules.HiAndNormalUseHi)
      problem("hi-and-normal", Members.front()->Decl.Declared,
              "scheduled both normally and high-priority; the rules ask for a person to split it");
    Queue = Hi ? Rules.QueueHi : Rules.QueueNormal;
    if (Hi && Normal)
      Plan.Differences.push_back("hi_and_normal");
    if (uses(UseKind::Enable))
      Plan.Differences.push_back("enable");
    if (uses(UseKind::Kill))
      Plan.Differences.push_back("kill");
  }

  void retype(const TextRange &R, const std::string &What) {
    const std::string *S = source(R, What);
    if (!S)
      return;
    if (squeeze(llvm::StringRef(*S).substr(R.Offset, R.Length)) != TaskletType) {
      problem("type-not-rewritable", at(R),
              What + ": the type is not written as 'struct tasklet_struct'");
      return;
    }
    TextRange Edited = R;
    std::string Text = replaceKeepingColumn(*S, R.Offset, Edited.Length, Rules.Type);
    addEdit(Edited, Text);
  }

  void retypeObject(const ObjectReport &O) {
    for (const Use &U : O.Uses)
      if (isDeclare(U.Kind) && U.Target == O.Decl.Key) {
        auto Macro = Rules.DeclareMacros.find(U.Callee);
        if (Macro == Rules.DeclareMacros.end()) {
          problem("no-rule", U.Site.Where, "no rule converts " + U.Callee + "()");
          return;
        }
        const std::string *S = source(U.Anchor, U.Callee);
        if (S && llvm::StringRef(*S).substr(U.Anchor.Offset, U.Anchor.Length) == U.Callee)
          addEdit(U.Anchor, Macro->second);
        else if (S)
          problem("macro-not-rewritable", U.Site.Where, U.Callee + " is reached through another macro");
        if (U.Kind == UseKind::DeclareDisabled || U.Kind == UseKind::DeclareDisabledOld)
          disableAtInit(O, U);
        return;
      }
    retype(O.Decl.TypeText, O.Decl.Name);
  }

  // A tasklet declared disabled starts with a disable depth of one. The work
  // item gets it first thing in the code that runs before anything can queue
  // it: the module's init function, or the one __init function that uses it.
  void disableAtInit(const ObjectReport &O, const Use &Declare) {
    if (Rules.DeclaredDisabledInit.empty()) {
      problem("no-rule", Declare.Site.Where, "no rule says how to start a work item disabled");
      return;
    }
    const FunctionInfo *Init = nullptr;
    for (const auto &[Key, F] : Functions)
      if (F.ModuleInit && F.Begin.File == O.Decl.Declared.File)
        Init = &F;
    if (!Init) {
      std::set<const FunctionInfo *> Using;
      for (const Use &U : O.Uses)
        if (auto F = Functions.find(U.Function); F != Functions.end() && F->second.Init)
          Using.insert(&F->second);
      if (Using.size() == 1)
        Init = *Using.begin();
    }
    if (!Init || !Init->BodyStart.valid()) {
      problem("no-init-path", Declare.Site.Where,
              O.Decl.Name + " is declared disabled and no init function was found to disable "
                            "the work item in before it can be queued");
      return;
    }
    const std::string *S = source(Init->BodyStart, Init->Name + "()");
    if (!S)
      return;
    std::string Call = fillTemplate(Rules.DeclaredDisabledInit, {{"t", "&" + O.Decl.Name}});
    // Declarations stay apart from code by a blank line, as kernel style wants.
    llvm::StringRef Before = llvm::StringRef(*S).take_front(Init->BodyStart.Offset);
    llvm::StringRef PrevLine = Before.drop_back().rsplit('\n').second.trim();
    std::string Blank = PrevLine.empty() || PrevLine.ends_with("{") ? "" : "\n";
    addEdit(Init->BodyStart, Blank + Init->BodyIndent + Call + ";\n");
    Plan.Differences.push_back("declared_disabled");
  }

  void rewriteUse(const Use &U) {
    switch (U.Kind) {
    case UseKind::InitSetup:
    case UseKind::InitLegacy:
    case UseKind::Schedule:
    case UseKind::ScheduleHi:
    case UseKind::Disable:
    case UseKind::DisableNosync:
    case UseKind::DisableInAtomic:
    case UseKind::Enable:
    case UseKind::Kill:
      rewriteApiCall(U);
      return;
    case UseKind::FromTasklet:
      rewriteFromTasklet(U);
      return;
    case UseKind::CallbackCall:
      rewriteDirectCall(U);
      return;
    default:
      return; // the rest follows the types: escapes, comparisons, container_of
    }
  }

  void rewriteApiCall(const Use &U) {
    auto Template = Rules.Calls.find(U.Callee);
    if (Template == Rules.Calls.end()) {
      problem("no-rule", U.Site.Where, "no rule converts " + U.Callee + "()");
      return;
    }
    // Every tasklet API function takes the tasklet first and the callback second.
    rewriteCallAt(U, U.Callee, Template->second, {{"t", 0}, {"cb", 1}});
  }

  // from_tasklet(var, t, field) -> from_work(var, t, field), or what the rules say.
  void rewriteFromTasklet(const Use &U) {
    rewriteCallAt(U, "from_tasklet", Rules.FromTasklet, {{"var", 0}, {"ptr", 1}, {"field", 2}});
  }

  // Rewrites the call written at U's anchor per a template whose placeholders
  // name original arguments (Roles) or the queue ({wq}). Renames inside the
  // call become part of the new text; continuation lines stay aligned.
  void rewriteCallAt(const Use &U, const std::string &Callee, const CallTemplate &To,
                     std::map<std::string, unsigned> Roles) {
    const std::string *S = source(U.Anchor, Callee + "()");
    if (!S)
      return;
    std::optional<CallText> Call = CallText::parse(*S, U.Anchor.Offset, Callee);
    if (!Call || Call->Args.empty()) {
      problem("call-not-rewritable", U.Site.Where,
              Callee + "() is not written as a plain call here (a macro builds it)");
      return;
    }
    for (auto It = Roles.begin(); It != Roles.end();)
      It = It->second < Call->Args.size() ? std::next(It) : Roles.erase(It);
    // Renames are sorted by position; applying those inside the call shifts only
    // what follows them, so the call is parsed again in the renamed text.
    std::string Renamed = withRenamesInside(*S, U.Anchor.File, Call->Begin, Call->End);
    std::optional<CallText> RenamedCall = CallText::parse(Renamed, U.Anchor.Offset, Callee);
    if (!RenamedCall) {
      problem("call-not-rewritable", U.Site.Where, Callee + "() could not be rewritten");
      return;
    }
    std::string Text = rewriteCall(Renamed, *RenamedCall, To, Roles, {{"wq", Queue}});
    addEdit({U.Anchor.File, Call->Begin, Call->End - Call->Begin}, Text);
  }

  // Direct calls of a legacy callback pass its data; after the conversion they
  // pass the work item, which exists only when the data is the container.
  void rewriteDirectCall(const Use &U) {
    const CallbackInfo *C = nullptr;
    for (const CallbackInfo &Cb : Callbacks)
      if (Cb.Key == U.Target)
        C = &Cb;
    if (!C || !C->Legacy)
      return; // a tasklet pointer argument follows the types
    const Use *Init = containerInit(*C);
    const std::string *S = source(U.Anchor, U.Callee + "()");
    if (!S)
      return;
    std::optional<CallText> Call = CallText::parse(*S, U.Anchor.Offset, U.Callee);
    if (!Init || !Call || Call->Args.size() != 1) {
      problem("direct-call-not-rewritable", U.Site.Where,
              U.Callee + "() is called directly with data that is not the tasklet's container");
      return;
    }
    std::string Arg = squeeze(Call->arg(*S, 0));
    for (llvm::StringRef Cast : {"(unsigned long)", "(ulong)"})
      if (llvm::StringRef(Arg).starts_with(Cast))
        Arg = squeeze(llvm::StringRef(Arg).drop_front(Cast.size()));
    if (Arg != squeeze(Init->Container)) {
      problem("direct-call-not-rewritable", U.Site.Where,
              U.Callee + "(" + Call->arg(*S, 0) + ") passes something else than the container " +
                  Init->Container);
      return;
    }
    addEdit({U.Anchor.File, Call->Args[0].first, Call->Args[0].second - Call->Args[0].first},
            workItemOf(*Init));
  }

  // &p->path for a pointer container, &s.path / &p->sub.path for an address.
  std::string workItemOf(const Use &Init) const {
    llvm::StringRef C = llvm::StringRef(Init.Container).trim();
    if (C.consume_front("&"))
      return "&" + C.str() + "." + renamedPath(Init.ContainerPath);
    return "&" + C.str() + "->" + renamedPath(Init.ContainerPath);
  }

  // The legacy init that registers the callback with its container as data;
  // null when inits disagree or pass something else.
  const Use *containerInit(const CallbackInfo &C) {
    const Use *Found = nullptr;
    for (const Use *U : Uses) {
      if (!isInit(U->Kind) || !registers(*U, C))
        continue;
      if (U->Data != LegacyData::Container ||
          (Found && Found->ContainerPath != U->ContainerPath))
        return nullptr;
      Found = U;
    }
    return Found;
  }

  // U registers C: names it, or reads an ops-table field C is stored into.
  bool registers(const Use &U, const CallbackInfo &C) const {
    if (U.LinkedTo == C.Key)
      return true;
    for (const CallbackSlot &S : Slots)
      if (S.Key == U.LinkedTo &&
          std::find(S.Callbacks.begin(), S.Callbacks.end(), C.Key) != S.Callbacks.end())
        return true;
    return false;
  }

  // The ops-table field's function-pointer type takes what its callbacks take.
  void retypeSlot(const CallbackSlot &S) {
    std::string What = "parameter of " + S.Record + "::" + S.Name;
    for (const TypeSite &P : S.Params) {
      if (!S.Legacy)
        retype(P.TypeText, What);
      else // named even where it was not: checkpatch wants a name for a struct pointer
        retypeLegacyParam(P, What, S.Declared, /*AlwaysNamed=*/true);
    }
  }

  // unsigned long [data] -> struct work_struct *[work]; false when it is
  // written otherwise (a problem is planned).
  // TypedefOk: the canonical type is known to be unsigned long, so a
  // typedef of it (uintptr_t) as written is fine.
  bool retypeLegacyParam(const TypeSite &P, const std::string &What, const SourcePos &At,
                         bool AlwaysNamed = false, bool TypedefOk = false) {
    const std::string *S = source(P.TypeText, What);
    if (!S)
      return false;
    llvm::StringRef Type = llvm::StringRef(*S).substr(P.TypeText.Offset, P.TypeText.Length);
    if (squeeze(Type) != "unsigned long" && !TypedefOk) {
      problem("type-not-rewritable", At, What + " is '" + Type.str() + "', not unsigned long");
      return false;
    }
    TextRange R = P.TypeText;
    if (P.NameText.valid() && P.NameText.File == R.File && P.NameText.Offset > R.Offset)
      R.Length = P.NameText.Offset + P.NameText.Length - R.Offset;
    addEdit(R, Rules.Type + " *" +
                   (P.NameText.valid() || AlwaysNamed ? Rules.LegacyParameter : ""));
    return true;
  }

  void rewriteCallback(const CallbackInfo &C) {
    if (!C.Legacy) {
      for (const TypeSite &P : C.Params)
        retype(P.TypeText, "parameter of " + C.Name + "()");
      return;
    }
    std::string Param = Rules.LegacyParameter;
    if (std::find(C.Locals.begin(), C.Locals.end(), Param) != C.Locals.end()) {
      problem("name-collision", C.Declared,
              C.Name + "() already declares '" + Param + "'; rename by hand");
      return;
    }
    for (const TypeSite &P : C.Params)
      if (!retypeLegacyParam(P, "parameter of " + C.Name + "()", C.Declared, false,
                             C.Signature == "void (unsigned long)"))
        return;
    if (!C.ParamUsed)
      return;
    const Use *Init = containerInit(C);
    if (!Init) {
      moveDataToField(C);
      return;
    }
    for (const DataUse &D : C.DataUses) {
      llvm::StringRef Cast = llvm::StringRef(D.CastType).trim();
      // "(void *)data" says nothing of the container's type unless it
      // initialises a variable of that type.
      if (!Cast.consume_back("*") || (Cast.trim() == "void" && D.InitOf.empty())) {
        problem("legacy-data-use", C.Declared,
                C.Name + "() uses its data other than as a pointer to its container");
        return;
      }
      std::map<std::string, std::string> Values = {{"param", Param},
                                                   {"field", renamedPath(Init->ContainerPath)},
                                                   {"type", Cast.trim().str()},
                                                   {"var", D.InitOf}};
      addEdit(D.Text,
              fillTemplate(D.InitOf.empty() ? Rules.LegacyData : Rules.LegacyDataInit, Values));
    }
  }
  const ObjectReport *member(const std::string &Key) const {
    for (const ObjectReport *O : Members)
      if (O->Decl.Key == Key)
        return O;
    return nullptr;
  }

  // The callback reads data that is not its tasklet's container: the data
  // stays where tasklet_init() kept it, in a field beside the work item, set
  // right after each init and read back as the callback's first declaration
  // under the parameter's old name, so that the body is unchanged.
  void moveDataToField(const CallbackInfo &C) {
    auto Refuse = [&](const std::string &Why) {
      problem("legacy-data-not-container", C.Declared,
              C.Name + "() reads its data, which is not the tasklet's container, and " + Why);
    };
    if (Rules.LegacyDataField.empty())
      return Refuse("the rules leave such tasklets to a person");
    const ObjectReport *Owner = nullptr;
    std::vector<const Use *> Inits;
    for (const Use *U : Uses) {
      if (U->Kind == UseKind::CallbackCall && U->Target == C.Key)
        return Refuse("it is also called directly, with no work item to pass");
      if (!isInit(U->Kind) || U->LinkedTo != C.Key)
        continue;
      const ObjectReport *O = member(U->Target);
      if (!O || (Owner && O != Owner))
        return Refuse("it serves more than one tasklet; one data field cannot serve them all");
      if (U->Kind != UseKind::InitLegacy)
        return Refuse(U->Callee + "() has no statement to set the data field after");
      if (std::string Why = dataFieldRefusal(O->Decl, *U); !Why.empty())
        return Refuse(Why);
      Owner = O;
      Inits.push_back(U);
    }
    if (!Owner)
      return Refuse("no tasklet_init() of it was seen");
    auto Renamed = NewFieldName.find(Owner->Decl.Name);
    std::string Field = Renamed == NewFieldName.end() ? Owner->Decl.Name : Renamed->second;
    std::string DataField = fillTemplate(Rules.LegacyDataField, {{"field", Field}});
    const std::vector<std::string> &Siblings = Owner->Decl.Siblings;
    if (std::count(Siblings.begin(), Siblings.end(), DataField) || DataField == Owner->Decl.Name)
      return Refuse(Owner->Decl.Record + " already has a field named " + DataField);

    // The definition: the declaration whose parameter is followed by the body.
    const TypeSite *Definition = nullptr;
    unsigned BodyOpen = 0;
    for (const TypeSite &P : C.Params) {
      const std::string *S = P.NameText.valid() ? source(P.NameText, C.Name + "()") : nullptr;
      if (!S)
        continue;
      if (auto Open = bodyOpenAfterParameter(*S, P.NameText.Offset + P.NameText.Length)) {
        Definition = &P;
        BodyOpen = *Open;
      }
    }
    if (!Definition || Definition->Name.empty())
      return Refuse("its definition was not found written as 'fn(unsigned long data) {'");
    if (Definition->Name == Rules.LegacyParameter)
      return Refuse("its parameter is already called '" + Rules.LegacyParameter + "'");
    if (!recordVisibleAt(Owner->Decl, Definition->NameText))
      return Refuse(Owner->Decl.Record + " is not seen to be defined before " + C.Name +
                    "(), and container_of() needs its layout there");

    if (!declareDataField(*Owner, DataField))
      return Refuse("the declaration of " + Owner->Decl.Name +
                    " is not one field on a line of its own, so the data field cannot follow it");
    for (const Use *Init : Inits) {
      std::string Why = setDataFieldAfter(*Owner, *Init, DataField);
      if (!Why.empty())
        return Refuse(Why);
    }
    const std::string &S = *Sources.get(Definition->NameText.File);
    std::string Load = fillTemplate(Rules.LegacyDataLoad, {{"param", Rules.LegacyParameter},
                                                          {"record", Owner->Decl.Record},
                                                          {"field", Field},
                                                          {"data_field", DataField}});
    // The parameter's own type as written (unsigned long, uintptr_t).
    std::string Type = squeeze(llvm::StringRef(S).substr(Definition->TypeText.Offset,
                                                         Definition->TypeText.Length));
    std::string Indent = "\t";
    std::string Line = Indent + Type + " " + Definition->Name + " = " + Load + ";";
    if (visualColumn(Line, Line.size()) > MaxLineColumns)
      Line = Indent + Type + " " + Definition->Name + " =\n" + Indent + "\t" + Load + ";";
    std::string Blank = nextLineDeclares(S, BodyOpen) ? "" : "\n";
    addEdit({Definition->NameText.File, BodyOpen, 0}, "\n" + Line + Blank);
    Plan.Differences.push_back("legacy_data_field");
  }

  // Whether the record holding the tasklet is complete at At: defined earlier
  // in the same file, or in a header that file #includes by name (textual:
  // a header reached only through another is refused, never guessed).
  bool recordVisibleAt(const ObjectDecl &O, const TextRange &At) {
    const std::string &RecordFile = O.Declared.File;
    if (RecordFile == At.File) {
      const std::string *S = Sources.get(At.File);
      return S && O.Declared.Line <= unsigned(llvm::StringRef(*S).take_front(At.Offset).count('\n') + 1);
    }
    const std::string *S = Sources.get(At.File);
    if (!S || !llvm::StringRef(RecordFile).ends_with(".h"))
      return false;
    std::string Name = llvm::sys::path::filename(RecordFile).str();
    for (llvm::StringRef Line : llvm::split(llvm::StringRef(*S), '\n')) {
      Line = Line.trim();
      if (Line.consume_front("#") && Line.ltrim().starts_with("include") &&
          (Line.contains("/" + Name) || Line.contains("\"" + Name) || Line.contains("<" + Name)))
        return true;
    }
    return false;
  }

  // "unsigned long task_data;" on the line after the tasklet's own, aligned as
  // that line is. False when that line holds more than the one field.
  bool declareDataField(const ObjectReport &O, const std::string &DataField) {
    const TextRange &Type = O.Decl.TypeText;
    const std::string *S = source(Type, O.Decl.Name);
    if (!S)
      return false;
    llvm::StringRef Text(*S);
    size_t LineEnd = Text.find('\n', Type.Offset);
    if (LineEnd == llvm::StringRef::npos)
      return false;
    // "<type> <name>;" and at most a comment.
    llvm::StringRef Rest = Text.slice(Type.Offset + Type.Length, LineEnd).ltrim();
    if (!Rest.consume_front(O.Decl.Name) || !(Rest = Rest.ltrim()).consume_front(";"))
      return false;
    Rest = Rest.trim();
    bool CommentOnly = Rest.empty() || Rest.starts_with("//") ||
                       (Rest.starts_with("/*") && Rest.ends_with("*/") &&
                        !Rest.drop_front(2).contains("/*"));
    if (!CommentOnly)
      return false;
    // The blanks before the name are rewritten so that the new name lines up.
    unsigned Length = Type.Length;
    std::string Declaration = lineIndent(Text, Type.Offset) +
                              replaceKeepingColumn(Text, Type.Offset, Length, "unsigned long");
    if (Type.Offset + Length == Type.Offset + Type.Length)
      Declaration += " ";
    addEdit({Type.File, unsigned(LineEnd + 1), 0}, Declaration + DataField + ";\n");
    return true;
  }

  // "h->task_data = (unsigned long)dev;" as the statement after the init.
  std::string setDataFieldAfter(const ObjectReport &O, const Use &Init, const std::string &DataField) {
    if (!(Init.Site.Spelling == Init.Site.Where))
      return "tasklet_init() is written inside a macro";
    const std::string *S = source(Init.Anchor, Init.Callee + "()");
    if (!S)
      return "the init cannot be edited";
    std::optional<CallText> Call = CallText::parse(*S, Init.Anchor.Offset, Init.Callee);
    if (!Call)
      return Init.Callee + "() is not written as a plain call";
    std::optional<StatementSlot> Slot = slotAfterCallStatement(*S, Call->Begin, Call->End);
    if (!Slot)
      return "tasklet_init() at " + Init.Site.Where.File + ":" +
             std::to_string(Init.Site.Where.Line) +
             " is not a statement of its own in a block, so nothing can follow it";
    // The data is copied as one line: a comment inside it would swallow the rest.
    if (llvm::StringRef(Init.DataText).contains("/*") ||
        llvm::StringRef(Init.DataText).contains("//"))
      return "the data argument of tasklet_init() holds a comment";
    std::string Access = *initFieldAccess(O.Decl, Init);
    Access.resize(Access.size() - O.Decl.Name.size());
    std::string Statement =
        lineIndent(*S, Call->Begin) + Access + DataField + " = " + squeeze(Init.DataText) + ";";
    if (Slot->OpenBraceAt) {
      // The brace-less body of a for/while/if gets braces: both statements are the body.
      size_t HeaderLineEnd = S->find('\n', *Slot->OpenBraceAt);
      llvm::StringRef HeaderLine = llvm::StringRef(*S).slice(
          S->rfind('\n', *Slot->OpenBraceAt) + 1, HeaderLineEnd);
      if (visualColumn(HeaderLine, HeaderLine.size()) + 2 > MaxLineColumns)
        return "the loop or condition around tasklet_init() would need braces past 100 columns";
      addEdit({Init.Anchor.File, *Slot->OpenBraceAt, 0}, " {");
      Statement += "\n" + Slot->CloseIndent + "}";
    }
    addEdit({Init.Anchor.File, Slot->After, 0}, "\n" + Statement);
    return "";
  }
};

std::string insertionAfterIncludes(const std::string &Text, const std::string &Header,
                                   unsigned &Offset) {
  // Place it among the <linux/...> includes, in order when they are sorted,
  // and never inside a conditional block (#ifdef CONFIG_DEBUG_FS ...): only
  // includes at the file's outermost level count, a header's include guard
  // being that level.
  llvm::StringRef S(Text);
  const std::string Line = "#include <" + Header + ">\n";
  struct IncludeLine {
    unsigned Begin, Next, Depth;
    llvm::StringRef Text;
  };
  std::vector<IncludeLine> Includes;
  unsigned Depth = 0, Pos = 0;
  std::vector<llvm::StringRef> Directives; // the first two: "#ifndef X", "#define X"?
  while (Pos < S.size()) {
    size_t End = S.find('\n', Pos);
    llvm::StringRef L = S.slice(Pos, End == llvm::StringRef::npos ? S.size() : End);
    unsigned Next = End == llvm::StringRef::npos ? S.size() : End + 1;
    llvm::StringRef Directive = L.ltrim();
    if (Directive.consume_front("#")) {
      Directive = Directive.ltrim();
      if (Directives.size() < 2)
        Directives.push_back(Directive.rtrim());
      if (Directive.starts_with("if"))
        ++Depth;
      else if (Directive.starts_with("endif") && Depth > 0)
        --Depth;
      else if (Directive.starts_with("include"))
        Includes.push_back({Pos, Next, Depth, L});
    }
    Pos = Next;
  }
  if (Includes.empty())
    return "";
  bool FirstDirectivesGuard =
      Directives.size() == 2 && Directives[0].starts_with("ifndef") &&
      Directives[1].starts_with("define") &&
      Directives[0].drop_front(6).trim() == Directives[1].drop_front(6).trim();
  unsigned Outermost = Includes.front().Depth;
  for (const IncludeLine &I : Includes)
    Outermost = std::min(Outermost, I.Depth);
  if (Outermost > 1 || (Outermost == 1 && !FirstDirectivesGuard))
    return ""; // every include is conditional: no place is right for all configurations
  std::optional<unsigned> LastLinux, LastAny, FirstAfter;
  for (const IncludeLine &I : Includes) {
    if (I.Depth != Outermost)
      continue;
    LastAny = I.Next;
    if (I.Text.starts_with("#include <linux/")) {
      LastLinux = I.Next;
      if (!FirstAfter && I.Text.str() > Line.substr(0, Line.size() - 1))
        FirstAfter = I.Begin;
    }
  }
  if (FirstAfter && LastLinux && *FirstAfter < *LastLinux)
    Offset = *FirstAfter;
  else if (LastLinux)
    Offset = *LastLinux;
  else if (LastAny)
    Offset = *LastAny;
  else
    return "";
  return Line;
}

bool overlaps(const PlannedEdit &A, const PlannedEdit &B) {
  if (A.Range.File != B.Range.File)
    return false;
  unsigned AEnd = A.Range.Offset + A.Range.Length, BEnd = B.Range.Offset + B.Range.Length;
  if (A.Range.Length == 0 || B.Range.Length == 0)
    return A.Range.Offset > B.Range.Offset && A.Range.Offset < BEnd;
  return A.Range.Offset < BEnd && B.Range.Offset < AEnd;
}

void dedupe(std::vector<PlannedEdit> &Edits) {
  auto Key = [](const PlannedEdit &E) { return std::tie(E.Range, E.Text); };
  std::sort(Edits.begin(), Edits.end(),
            [&](const PlannedEdit &A, const PlannedEdit &B) { return Key(A) < Key(B); });
  Edits.erase(std::unique(Edits.begin(), Edits.end(),
                          [&](const PlannedEdit &A, const PlannedEdit &B) { return Key(A) == Key(B); }),
              Edits.end());
}

// Two different edits of the same bytes: within a group the plan is wrong; across
// groups they cannot both happen. Either way the groups involved stay untouched.
void rejectConflicts(std::vector<GroupPlan> &Groups) {
  struct Owned {
    const PlannedEdit *Edit;
    size_t Group;
  };
  std::vector<Owned> All;
  for (size_t G = 0; G < Groups.size(); ++G)
    if (Groups[G].converted())
      for (const PlannedEdit &E : Groups[G].Edits)
        All.push_back({&E, G});
  std::sort(All.begin(), All.end(), [](const Owned &A, const Owned &B) {
    return std::tie(A.Edit->Range.File, A.Edit->Range.Offset) <
           std::tie(B.Edit->Range.File, B.Edit->Range.Offset);
  });
  std::set<size_t> Bad;
  for (size_t I = 1; I < All.size(); ++I) {
    const Owned &A = All[I - 1], &B = All[I];
    bool Same = A.Edit->Range == B.Edit->Range && A.Edit->Text == B.Edit->Text;
    if (!Same && (overlaps(*A.Edit, *B.Edit) || A.Edit->Range == B.Edit->Range)) {
      Bad.insert(A.Group);
      Bad.insert(B.Group);
    }
  }
  for (size_t G : Bad) {
    Finding F;
    F.Code = "conflicting-edits";
    F.Message = "its edits overlap different edits of another conversion";
    Groups[G].Problems.push_back(F);
  }
}

} // namespace

ConversionPlan planConversion(const Inventory &Inv, const ConvertRules &Rules, SourceFiles &Sources) {
  ConversionPlan Plan;
  UnscannedIncluders Unscanned(Inv.NotScanned, Sources);
  std::map<std::string, const ObjectReport *> ByKey;
  for (const ObjectReport &O : Inv.Objects)
    ByKey[O.Decl.Key] = &O;
  std::set<std::string> Planned;
  for (const ObjectReport &O : Inv.Objects) {
    if (!O.convertible() || Planned.count(O.Decl.Key))
      continue;
    GroupPlan G;
    std::vector<const ObjectReport *> Members = {&O};
    for (const std::string &K : O.ConvertedWith)
      Members.push_back(ByKey.at(K));
    for (const ObjectReport *M : Members) {
      G.Objects.push_back(M->Decl.Key);
      Planned.insert(M->Decl.Key);
    }
    std::sort(G.Objects.begin(), G.Objects.end());
    G.Directory = O.directory();
    GroupPlanner(Rules, Sources, Unscanned, Inv.Functions, Members, G).run();
    if (Rules.ProcessContext) {
      std::set<std::string> Callbacks;
      for (const ObjectReport *M : Members)
        for (const CallbackInfo &C : M->Callbacks)
          Callbacks.insert(C.Key);
      G.Warnings = processContextWarnings({Callbacks.begin(), Callbacks.end()}, Inv);
    }
    dedupe(G.Edits);
    Plan.Groups.push_back(std::move(G));
  }
  rejectConflicts(Plan.Groups);

  std::map<std::string, std::vector<PlannedEdit>> ByFile;
  for (const GroupPlan &G : Plan.Groups) {
    if (!G.converted())
      continue;
    std::set<std::string> Files;
    for (const PlannedEdit &E : G.Edits) {
      ByFile[E.Range.File].push_back(E);
      Files.insert(E.Range.File);
    }
    Plan.FilesByGroup[G.Objects.front()].assign(Files.begin(), Files.end());
  }
  for (auto &[File, Edits] : ByFile) {
    dedupe(Edits);
    const std::string &Original = *Sources.get(File);
    if (Original.find("#include <" + Rules.Include + ">") == std::string::npos) {
      unsigned Offset = 0;
      std::string Line = insertionAfterIncludes(Original, Rules.Include, Offset);
      if (!Line.empty())
        Edits.push_back({{File, Offset, 0}, Line});
    }
    std::sort(Edits.begin(), Edits.end(), [](const PlannedEdit &A, const PlannedEdit &B) {
      return A.Range.Offset > B.Range.Offset; // apply from the end: offsets stay valid
    });
    EditedFile F{File, Original, Original};
    for (const PlannedEdit &E : Edits)
      F.Modified.replace(E.Range.Offset, E.Range.Length, E.Text);
    Plan.Files.push_back(std::move(F));
  }
  return Plan;
}

} // namespace detasklet
