#include "inventory/TuFactsJson.h"

#include <limits>

namespace detasklet {

using llvm::json::Array;
using llvm::json::Object;
using llvm::json::ObjectMapper;
using llvm::json::Path;
using llvm::json::Value;

namespace {

// Writing. Every field, whatever its value: leaving out defaults would make
// the reader guess, and a guess is what a cache must never do.

template <typename T> Array encodeAll(const std::vector<T> &Items);

Value encode(const std::string &S) { return S; }

Value encode(const SourcePos &P) {
  return Object{{"file", P.File}, {"line", P.Line}, {"column", P.Column}};
}

Value encode(const TextRange &R) {
  return Object{{"file", R.File}, {"offset", R.Offset}, {"length", R.Length}};
}

Value encode(const MacroStep &M) {
  return Object{
      {"name", M.Name}, {"definition", encode(M.Definition)}, {"expansion", encode(M.Expansion)}};
}

Value encode(const UseSite &S) {
  return Object{{"where", encode(S.Where)},
                {"spelling", encode(S.Spelling)},
                {"macros", encodeAll(S.Macros)}};
}

Value encode(const ObjectDecl &D) {
  return Object{{"key", D.Key},
                {"kind", objectKindCode(D.Kind)},
                {"name", D.Name},
                {"record", D.Record},
                {"function", D.Function},
                {"array_size", D.ArraySize},
                {"declared", encode(D.Declared)},
                {"type_text", encode(D.TypeText)},
                {"siblings", encodeAll(D.Siblings)}};
}

Value encode(const Mention &M) { return Object{{"key", M.Key}, {"name", encode(M.Name)}}; }

Value encode(const Use &U) {
  // The legacy data relation of a non-legacy use is "", a valid code.
  return Object{{"target", U.Target},
                {"kind", useKindCode(U.Kind)},
                {"site", encode(U.Site)},
                {"text", U.Text},
                {"callee", U.Callee},
                {"linked_to", U.LinkedTo},
                {"index", U.Index},
                {"data_text", U.DataText},
                {"data", legacyDataCode(U.Data)},
                {"callback_cast", U.CallbackCast},
                {"anchor", encode(U.Anchor)},
                {"container", U.Container},
                {"container_path", U.ContainerPath},
                {"function", U.Function},
                {"queue", U.Queue}};
}

Value encode(const TypeSite &T) {
  return Object{
      {"type_text", encode(T.TypeText)}, {"name", T.Name}, {"name_text", encode(T.NameText)}};
}

Value encode(const DataUse &D) {
  return Object{{"text", encode(D.Text)}, {"cast_type", D.CastType}, {"init_of", D.InitOf}};
}

Value encode(const CallbackInfo &C) {
  return Object{{"key", C.Key},
                {"name", C.Name},
                {"signature", C.Signature},
                {"legacy", C.Legacy},
                {"defined", C.Defined},
                {"param_used", C.ParamUsed},
                {"declared", encode(C.Declared)},
                {"params", encodeAll(C.Params)},
                {"data_uses", encodeAll(C.DataUses)},
                {"locals", encodeAll(C.Locals)},
                {"file_local", C.FileLocal},
                {"mentions", encodeAll(C.Mentions)},
                {"rename_neighbours", encodeAll(C.RenameNeighbours)}};
}

Value encode(const AliasDef &A) {
  return Object{{"key", A.Key},
                {"description", A.Description},
                {"declared", encode(A.Declared)},
                {"types", encodeAll(A.Types)}};
}

Value encode(const SlotProblem &P) {
  return Object{{"at", encode(P.At)}, {"text", P.Text}, {"why", P.Why}};
}

Value encode(const CallbackSlot &S) {
  return Object{{"key", S.Key},
                {"name", S.Name},
                {"record", S.Record},
                {"legacy", S.Legacy},
                {"declared", encode(S.Declared)},
                {"params", encodeAll(S.Params)},
                {"callbacks", encodeAll(S.Callbacks)},
                {"problems", encodeAll(S.Problems)},
                {"mentions", encodeAll(S.Mentions)}};
}

Value encode(const FunctionInfo &F) {
  return Object{{"key", F.Key},
                {"name", F.Name},
                {"begin", encode(F.Begin)},
                {"end", encode(F.End)},
                {"init", F.Init},
                {"module_init", F.ModuleInit},
                {"body_start", encode(F.BodyStart)},
                {"body_indent", F.BodyIndent}};
}

Value encode(const ContextEntry &E) {
  return Object{
      {"function", E.Function}, {"context", E.Context}, {"via", E.Via}, {"at", encode(E.At)}};
}

Value encode(const LockUse &L) {
  return Object{{"function", L.Function},
                {"lock", L.Lock},
                {"flavour", L.Flavour},
                {"text", L.Text},
                {"at", encode(L.At)}};
}

Value encode(const ContextQuery &Q) {
  return Object{{"function", Q.Function}, {"name", Q.Name}, {"at", encode(Q.At)}};
}

Value encode(const ContextFacts &C) {
  return Object{{"entries", encodeAll(C.Entries)},
                {"locks", encodeAll(C.Locks)},
                {"queries", encodeAll(C.Queries)}};
}

template <typename T> Array encodeAll(const std::vector<T> &Items) {
  Array A;
  A.reserve(Items.size());
  for (const T &I : Items)
    A.push_back(encode(I));
  return A;
}

// Reading helpers for what llvm::json has no overload of.

bool readUnsigned(const Object &O, llvm::StringRef Key, unsigned &Out, Path P) {
  const Value *V = O.get(Key);
  std::optional<int64_t> N = V ? V->getAsInteger() : std::nullopt;
  if (!N || *N < 0 || *N > std::numeric_limits<unsigned>::max()) {
    P.field(Key).report("expected an unsigned integer");
    return false;
  }
  Out = static_cast<unsigned>(*N);
  return true;
}

} // namespace

// Readers live in the namespace of the types they read: llvm::json's templates
// for vectors and ObjectMapper find them by argument-dependent lookup.

bool fromJSON(const Value &V, UseKind &Out, Path P) {
  std::optional<llvm::StringRef> S = V.getAsString();
  std::optional<UseKind> K = S ? useKindFromCode(*S) : std::nullopt;
  if (!K) {
    P.report("unknown use kind");
    return false;
  }
  Out = *K;
  return true;
}

bool fromJSON(const Value &V, ObjectKind &Out, Path P) {
  std::optional<llvm::StringRef> S = V.getAsString();
  std::optional<ObjectKind> K = S ? objectKindFromCode(*S) : std::nullopt;
  if (!K) {
    P.report("unknown object kind");
    return false;
  }
  Out = *K;
  return true;
}

bool fromJSON(const Value &V, LegacyData &Out, Path P) {
  std::optional<llvm::StringRef> S = V.getAsString();
  std::optional<LegacyData> D = S ? legacyDataFromCode(*S) : std::nullopt;
  if (!D) {
    P.report("unknown legacy data relation");
    return false;
  }
  Out = *D;
  return true;
}

bool fromJSON(const Value &V, SourcePos &Out, Path P) {
  ObjectMapper O(V, P);
  return O && O.map("file", Out.File) && readUnsigned(*V.getAsObject(), "line", Out.Line, P) &&
         readUnsigned(*V.getAsObject(), "column", Out.Column, P);
}

bool fromJSON(const Value &V, TextRange &Out, Path P) {
  ObjectMapper O(V, P);
  return O && O.map("file", Out.File) && readUnsigned(*V.getAsObject(), "offset", Out.Offset, P) &&
         readUnsigned(*V.getAsObject(), "length", Out.Length, P);
}

bool fromJSON(const Value &V, MacroStep &Out, Path P) {
  ObjectMapper O(V, P);
  return O && O.map("name", Out.Name) && O.map("definition", Out.Definition) &&
         O.map("expansion", Out.Expansion);
}

bool fromJSON(const Value &V, UseSite &Out, Path P) {
  ObjectMapper O(V, P);
  return O && O.map("where", Out.Where) && O.map("spelling", Out.Spelling) &&
         O.map("macros", Out.Macros);
}

bool fromJSON(const Value &V, ObjectDecl &Out, Path P) {
  ObjectMapper O(V, P);
  return O && O.map("key", Out.Key) && O.map("kind", Out.Kind) && O.map("name", Out.Name) &&
         O.map("record", Out.Record) && O.map("function", Out.Function) &&
         readUnsigned(*V.getAsObject(), "array_size", Out.ArraySize, P) &&
         O.map("declared", Out.Declared) && O.map("type_text", Out.TypeText) &&
         O.map("siblings", Out.Siblings);
}

bool fromJSON(const Value &V, Mention &Out, Path P) {
  ObjectMapper O(V, P);
  return O && O.map("key", Out.Key) && O.map("name", Out.Name);
}

bool fromJSON(const Value &V, Use &Out, Path P) {
  ObjectMapper O(V, P);
  return O && O.map("target", Out.Target) && O.map("kind", Out.Kind) && O.map("site", Out.Site) &&
         O.map("text", Out.Text) && O.map("callee", Out.Callee) &&
         O.map("linked_to", Out.LinkedTo) && O.map("index", Out.Index) &&
         O.map("data_text", Out.DataText) && O.map("data", Out.Data) &&
         O.map("callback_cast", Out.CallbackCast) && O.map("anchor", Out.Anchor) &&
         O.map("container", Out.Container) && O.map("container_path", Out.ContainerPath) &&
         O.map("function", Out.Function) && O.map("queue", Out.Queue);
}

bool fromJSON(const Value &V, TypeSite &Out, Path P) {
  ObjectMapper O(V, P);
  return O && O.map("type_text", Out.TypeText) && O.map("name", Out.Name) &&
         O.map("name_text", Out.NameText);
}

bool fromJSON(const Value &V, DataUse &Out, Path P) {
  ObjectMapper O(V, P);
  return O && O.map("text", Out.Text) && O.map("cast_type", Out.CastType) &&
         O.map("init_of", Out.InitOf);
}

bool fromJSON(const Value &V, CallbackInfo &Out, Path P) {
  ObjectMapper O(V, P);
  return O && O.map("key", Out.Key) && O.map("name", Out.Name) &&
         O.map("signature", Out.Signature) && O.map("legacy", Out.Legacy) &&
         O.map("defined", Out.Defined) && O.map("param_used", Out.ParamUsed) &&
         O.map("declared", Out.Declared) && O.map("params", Out.Params) &&
         O.map("data_uses", Out.DataUses) && O.map("locals", Out.Locals) &&
         O.map("file_local", Out.FileLocal) && O.map("mentions", Out.Mentions) &&
         O.map("rename_neighbours", Out.RenameNeighbours);
}

bool fromJSON(const Value &V, AliasDef &Out, Path P) {
  ObjectMapper O(V, P);
  return O && O.map("key", Out.Key) && O.map("description", Out.Description) &&
         O.map("declared", Out.Declared) && O.map("types", Out.Types);
}

bool fromJSON(const Value &V, SlotProblem &Out, Path P) {
  ObjectMapper O(V, P);
  return O && O.map("at", Out.At) && O.map("text", Out.Text) && O.map("why", Out.Why);
}

bool fromJSON(const Value &V, CallbackSlot &Out, Path P) {
  ObjectMapper O(V, P);
  return O && O.map("key", Out.Key) && O.map("name", Out.Name) && O.map("record", Out.Record) &&
         O.map("legacy", Out.Legacy) && O.map("declared", Out.Declared) &&
         O.map("params", Out.Params) && O.map("callbacks", Out.Callbacks) &&
         O.map("problems", Out.Problems) && O.map("mentions", Out.Mentions);
}

bool fromJSON(const Value &V, FunctionInfo &Out, Path P) {
  ObjectMapper O(V, P);
  return O && O.map("key", Out.Key) && O.map("name", Out.Name) && O.map("begin", Out.Begin) &&
         O.map("end", Out.End) && O.map("init", Out.Init) && O.map("module_init", Out.ModuleInit) &&
         O.map("body_start", Out.BodyStart) && O.map("body_indent", Out.BodyIndent);
}

bool fromJSON(const Value &V, ContextEntry &Out, Path P) {
  ObjectMapper O(V, P);
  return O && O.map("function", Out.Function) && O.map("context", Out.Context) &&
         O.map("via", Out.Via) && O.map("at", Out.At);
}

bool fromJSON(const Value &V, LockUse &Out, Path P) {
  ObjectMapper O(V, P);
  return O && O.map("function", Out.Function) && O.map("lock", Out.Lock) &&
         O.map("flavour", Out.Flavour) && O.map("text", Out.Text) && O.map("at", Out.At);
}

bool fromJSON(const Value &V, ContextQuery &Out, Path P) {
  ObjectMapper O(V, P);
  return O && O.map("function", Out.Function) && O.map("name", Out.Name) && O.map("at", Out.At);
}

bool fromJSON(const Value &V, ContextFacts &Out, Path P) {
  ObjectMapper O(V, P);
  return O && O.map("entries", Out.Entries) && O.map("locks", Out.Locks) &&
         O.map("queries", Out.Queries);
}

Value tuFactsToJSON(const TuFacts &F) {
  return Object{{"schema", TuFactsSchema},
                {"main_file", F.MainFile},
                {"objects", encodeAll(F.Objects)},
                {"uses", encodeAll(F.Uses)},
                {"callbacks", encodeAll(F.Callbacks)},
                {"aliases", encodeAll(F.Aliases)},
                {"mentions", encodeAll(F.Mentions)},
                {"functions", encodeAll(F.Functions)},
                {"context", encode(F.Context)},
                {"slots", encodeAll(F.Slots)}};
}

llvm::Expected<TuFacts> tuFactsFromJSON(const Value &V) {
  TuFacts F;
  llvm::json::Path::Root Root("tu-facts");
  ObjectMapper O(V, Root);
  std::string Schema;
  if (!O || !O.map("schema", Schema))
    return Root.getError();
  if (Schema != TuFactsSchema)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "tu-facts: schema " + Schema + ", expected " + TuFactsSchema);
  if (!(O.map("main_file", F.MainFile) && O.map("objects", F.Objects) && O.map("uses", F.Uses) &&
        O.map("callbacks", F.Callbacks) && O.map("aliases", F.Aliases) &&
        O.map("mentions", F.Mentions) && O.map("functions", F.Functions) &&
        O.map("context", F.Context) && O.map("slots", F.Slots)))
    return Root.getError();
  return F;
}

} // namespace detasklet
