#include "rewriters/PatchMessage.h"

#include "llvm/ADT/StringExtras.h"

#include <algorithm>
#include <set>

namespace detasklet {

std::string wrapText(llvm::StringRef Text, unsigned Width) {
  std::string Out;
  llvm::SmallVector<llvm::StringRef> Paragraphs;
  Text.split(Paragraphs, "\n\n");
  for (size_t P = 0; P < Paragraphs.size(); ++P) {
    if (P)
      Out += "\n\n";
    llvm::SmallVector<llvm::StringRef> Words;
    Paragraphs[P].split(Words, ' ', -1, false);
    unsigned Column = 0;
    for (llvm::StringRef W : Words) {
      W = W.trim();
      if (W.empty())
        continue;
      if (Column && Column + 1 + W.size() > Width) {
        Out += "\n";
        Column = 0;
      } else if (Column) {
        Out += " ";
        ++Column;
      }
      Out += W.str();
      Column += W.size();
    }
  }
  return Out;
}

namespace {
std::string describe(const ObjectDecl &D) {
  if (D.Kind == ObjectKind::Field)
    return D.Record + "::" + D.Name;
  return D.Name;
}
} // namespace

std::string patchBody(const std::vector<const GroupPlan *> &Groups, const Inventory &Inv,
                      const ConvertRules &Rules) {
  std::map<std::string, const ObjectReport *> ByKey;
  for (const ObjectReport &O : Inv.Objects)
    ByKey[O.Decl.Key] = &O;
  std::vector<std::string> Names;
  std::set<std::string> Calls, Differences;
  for (const GroupPlan *G : Groups) {
    for (const std::string &K : G->Objects) {
      const ObjectReport *O = ByKey.at(K);
      Names.push_back(describe(O->Decl));
      for (const Use &U : O->Uses)
        if (Rules.Calls.count(U.Callee))
          Calls.insert(U.Callee);
    }
    Differences.insert(G->Differences.begin(), G->Differences.end());
  }
  std::string Text =
      "The tasklet API is deprecated. BH workqueues (WQ_BH) run work items in softirq "
      "context on the queueing CPU, like tasklets, through the normal workqueue API.";
  if (Rules.Target != "bh")
    Text = "The tasklet API is deprecated. Move this work to a " + Rules.Summary +
           ", where it runs in process context.";
  Text += "\n\nConvert " + llvm::join(Names, ", ") + " to " + Rules.Type + ": ";
  std::vector<std::string> Mapped;
  for (const std::string &C : Calls) {
    const CallTemplate &T = Rules.Calls.find(C)->second;
    Mapped.push_back(C + "() becomes " + T.Callee + "()");
  }
  Mapped.push_back("from_tasklet() becomes " + Rules.FromTasklet.Callee + "()");
  Text += llvm::join(Mapped, ", ") + ".";
  // Ops tables: say which fields change type, and with which functions.
  std::map<std::string, std::set<std::string>> Slots; // "struct x::f" -> functions
  for (const GroupPlan *G : Groups)
    for (const std::string &K : G->Objects) {
      const ObjectReport *O = ByKey.at(K);
      for (const CallbackSlot &S : O->Slots)
        for (const CallbackInfo &C : O->Callbacks)
          if (std::find(S.Callbacks.begin(), S.Callbacks.end(), C.Key) != S.Callbacks.end())
            Slots[S.Record + "::" + S.Name].insert(C.Name + "()");
    }
  if (!Slots.empty()) {
    std::vector<std::string> Fields, Functions;
    for (const auto &[Field, Fns] : Slots) {
      Fields.push_back(Field);
      Functions.insert(Functions.end(), Fns.begin(), Fns.end());
    }
    std::sort(Functions.begin(), Functions.end());
    Functions.erase(std::unique(Functions.begin(), Functions.end()), Functions.end());
    Text += "\n\nThe callbacks are taken from the ops-table field" +
            std::string(Fields.size() > 1 ? "s " : " ") + llvm::join(Fields, ", ") +
            ", whose parameter changes to " + Rules.Type + " * together with every function "
            "stored into " + (Fields.size() > 1 ? "them" : "it") + ": " +
            llvm::join(Functions, ", ") + ".";
  }
  for (const std::string &D : Differences) {
    auto Note = Rules.Notes.find(D);
    if (Note != Rules.Notes.end())
      Text += "\n\n" + Note->second;
  }
  if (auto Context = Rules.Notes.find("context"); Context != Rules.Notes.end())
    Text += "\n\n" + Context->second;
  std::vector<std::string> Review;
  for (const GroupPlan *G : Groups)
    for (const Finding &W : G->Warnings)
      Review.push_back(W.Message + " (" + W.At.str() + ")");
  if (!Review.empty())
    Text += "\n\nTo review before applying: " + llvm::join(Review, "; ") + ".";
  return wrapText(Text);
}

} // namespace detasklet
