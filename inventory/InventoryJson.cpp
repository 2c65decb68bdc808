#include "inventory/InventoryJson.h"

#include <set>

namespace detasklet {

using llvm::json::Array;
using llvm::json::Object;
using llvm::json::Value;

InventorySummary summarize(const Inventory &Inv) {
  InventorySummary S;
  S.Objects = Inv.Objects.size();
  for (const ObjectReport &O : Inv.Objects) {
    if (O.convertible()) {
      ++S.Convertible;
      continue;
    }
    ++S.Manual;
    std::set<std::string> Codes;
    for (const Finding &F : O.Reasons)
      Codes.insert(F.Code);
    for (const std::string &C : Codes)
      ++S.ManualByReason[C];
  }
  S.FilesWithUses = Inv.filesWithUses().size();
  S.TusScanned = Inv.Scanned.size();
  S.TusFailed = Inv.Failures.size();
  S.UnattachedUses = Inv.Unattached.size();
  return S;
}

namespace {

Value toJSON(const SourcePos &P) {
  if (!P.valid())
    return nullptr;
  return Object{{"file", P.File}, {"line", P.Line}, {"column", P.Column}};
}

Value toJSON(const Finding &F) {
  return Object{{"code", F.Code}, {"message", F.Message}, {"at", toJSON(F.At)}};
}

Value toJSON(const Use &U) {
  Object O{{"kind", useKindCode(U.Kind)}, {"at", toJSON(U.Site.Where)}, {"text", U.Text}};
  if (!(U.Site.Spelling == U.Site.Where))
    O["spelling"] = toJSON(U.Site.Spelling);
  if (!U.Site.Macros.empty()) {
    Array Macros;
    for (const MacroStep &M : U.Site.Macros)
      Macros.push_back(Object{{"name", M.Name},
                              {"defined", toJSON(M.Definition)},
                              {"expanded", toJSON(M.Expansion)}});
    O["macros"] = std::move(Macros);
  }
  if (!U.Callee.empty())
    O["callee"] = U.Callee;
  if (!U.Index.empty())
    O["index"] = U.Index;
  if (U.Data != LegacyData::None)
    O["data"] = Object{{"text", U.DataText}, {"relation", legacyDataCode(U.Data)}};
  if (U.CallbackCast)
    O["callback_cast"] = true;
  if (!U.Function.empty())
    O["function"] = U.Function;
  if (!U.Queue.empty())
    O["queue"] = U.Queue;
  return O;
}

Value toJSON(const CallbackInfo &C) {
  return Object{{"name", C.Name},         {"signature", C.Signature},
                {"legacy", C.Legacy},     {"defined", C.Defined},
                {"param_used", C.ParamUsed}, {"declared", toJSON(C.Declared)}};
}

Value toJSON(const ObjectReport &R);

template <typename T> Array arrayOf(const std::vector<T> &Items) {
  Array A;
  for (const T &I : Items)
    A.push_back(toJSON(I));
  return A;
}

Value toJSON(const ObjectReport &R) {
  const ObjectDecl &D = R.Decl;
  Object O{{"key", D.Key},
           {"kind", objectKindCode(D.Kind)},
           {"name", D.Name},
           {"declared", toJSON(D.Declared)},
           {"directory", R.directory()},
           {"verdict", R.convertible() ? "convertible" : "manual"},
           {"reasons", arrayOf(R.Reasons)},
           {"notes", arrayOf(R.Notes)},
           {"callbacks", arrayOf(R.Callbacks)},
           {"uses", arrayOf(R.Uses)}};
  if (!D.Record.empty())
    O["record"] = D.Record;
  if (!D.Function.empty())
    O["function"] = D.Function;
  if (D.ArraySize)
    O["array_size"] = D.ArraySize;
  if (!R.ConvertedWith.empty())
    O["converted_with"] = Array(llvm::ArrayRef<std::string>(R.ConvertedWith));
  if (!R.Slots.empty()) {
    Array Slots;
    for (const CallbackSlot &S : R.Slots) {
      Array Stored;
      for (const std::string &Key : S.Callbacks)
        for (const CallbackInfo &C : R.Callbacks)
          if (C.Key == Key)
            Stored.push_back(C.Name);
      Slots.push_back(Object{{"record", S.Record},
                             {"field", S.Name},
                             {"legacy", S.Legacy},
                             {"declared", toJSON(S.Declared)},
                             {"callbacks", std::move(Stored)}});
    }
    O["ops_fields"] = std::move(Slots);
  }
  return O;
}

} // namespace

Value toJSON(const Inventory &Inv) {
  InventorySummary S = summarize(Inv);
  Object ByReason;
  for (const auto &[Code, N] : S.ManualByReason)
    ByReason[Code] = N;
  Object Summary{{"objects", S.Objects},
                 {"convertible", S.Convertible},
                 {"manual", S.Manual},
                 {"manual_by_reason", std::move(ByReason)},
                 {"files_with_uses", S.FilesWithUses},
                 {"tus_scanned", S.TusScanned},
                 {"tus_failed", S.TusFailed},
                 {"unattached_uses", S.UnattachedUses}};
  Array Failures;
  for (const TuFailure &F : Inv.Failures)
    Failures.push_back(Object{{"file", F.File}, {"message", F.Message}, {"errors", F.Errors}});
  return Object{{"schema", InventorySchema},
                {"root", Inv.Root},
                {"partial", Inv.partial()},
                {"summary", std::move(Summary)},
                {"objects", arrayOf(Inv.Objects)},
                {"unattached", arrayOf(Inv.Unattached)},
                {"failures", std::move(Failures)}};
}

} // namespace detasklet
