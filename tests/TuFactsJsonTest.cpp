// The facts cache stores TuFacts as JSON; a field lost on the way would make a
// warm run quietly differ from a cold one. Two guards: real facts from the
// corpus survive a round trip unchanged, and a hand-built TuFacts with every
// field set does too. The latter names every field of every struct through
// structured bindings, so adding a field to Inventory.h stops this file from
// compiling until the field is covered here, and then the round trip checks
// the serializer covers it too.
#include "inventory/TuFactsJson.h"
#include "tool/CompileCommands.h"
#include "tool/TuRunner.h"

#include "gtest/gtest.h"

#include <tuple>
#include <type_traits>
#include <utility>

using namespace detasklet;

namespace {

// Every field of each struct TuFacts reaches. A count mismatch in a binding
// is a compile error: that is the point.
auto fields(SourcePos &X) {
  auto &[File, Line, Column] = X;
  return std::tie(File, Line, Column);
}
auto fields(TextRange &X) {
  auto &[File, Offset, Length] = X;
  return std::tie(File, Offset, Length);
}
auto fields(MacroStep &X) {
  auto &[Name, Definition, Expansion] = X;
  return std::tie(Name, Definition, Expansion);
}
auto fields(UseSite &X) {
  auto &[Where, Spelling, Macros] = X;
  return std::tie(Where, Spelling, Macros);
}
auto fields(ObjectDecl &X) {
  auto &[Key, Kind, Name, Record, Function, ArraySize, Declared, TypeText, Siblings] = X;
  return std::tie(Key, Kind, Name, Record, Function, ArraySize, Declared, TypeText, Siblings);
}
auto fields(Mention &X) {
  auto &[Key, Name] = X;
  return std::tie(Key, Name);
}
auto fields(Use &X) {
  auto &[Target, Kind, Site, Text, Callee, LinkedTo, Index, DataText, Data, CallbackCast, Anchor,
         Container, ContainerPath, Function, Queue] = X;
  return std::tie(Target, Kind, Site, Text, Callee, LinkedTo, Index, DataText, Data, CallbackCast,
                  Anchor, Container, ContainerPath, Function, Queue);
}
auto fields(TypeSite &X) {
  auto &[TypeText, Name, NameText] = X;
  return std::tie(TypeText, Name, NameText);
}
auto fields(DataUse &X) {
  auto &[Text, CastType, InitOf] = X;
  return std::tie(Text, CastType, InitOf);
}
auto fields(CallbackInfo &X) {
  auto &[Key, Name, Signature, Legacy, Defined, ParamUsed, Declared, Params, DataUses, Locals,
         FileLocal, Mentions, RenameNeighbours] = X;
  return std::tie(Key, Name, Signature, Legacy, Defined, ParamUsed, Declared, Params, DataUses,
                  Locals, FileLocal, Mentions, RenameNeighbours);
}
auto fields(AliasDef &X) {
  auto &[Key, Description, Declared, Types] = X;
  return std::tie(Key, Description, Declared, Types);
}
auto fields(FunctionInfo &X) {
  auto &[Key, Name, Begin, End, Init, ModuleInit, BodyStart, BodyIndent] = X;
  return std::tie(Key, Name, Begin, End, Init, ModuleInit, BodyStart, BodyIndent);
}
auto fields(ContextEntry &X) {
  auto &[Function, Context, Via, At] = X;
  return std::tie(Function, Context, Via, At);
}
auto fields(LockUse &X) {
  auto &[Function, Lock, Flavour, Text, At] = X;
  return std::tie(Function, Lock, Flavour, Text, At);
}
auto fields(ContextQuery &X) {
  auto &[Function, Name, At] = X;
  return std::tie(Function, Name, At);
}
auto fields(ContextFacts &X) {
  auto &[Entries, Locks, Queries] = X;
  return std::tie(Entries, Locks, Queries);
}
auto fields(SlotProblem &X) {
  auto &[At, Text, Why] = X;
  return std::tie(At, Text, Why);
}
auto fields(CallbackSlot &X) {
  auto &[Key, Name, Record, Legacy, Declared, Params, Callbacks, Problems, Mentions] = X;
  return std::tie(Key, Name, Record, Legacy, Declared, Params, Callbacks, Problems, Mentions);
}
auto fields(TuFacts &X) {
  auto &[MainFile, Objects, Uses, Callbacks, Aliases, Mentions, Functions, Context, Slots] = X;
  return std::tie(MainFile, Objects, Uses, Callbacks, Aliases, Mentions, Functions, Context,
                  Slots);
}

template <typename T>
constexpr bool IsLeaf =
    std::is_arithmetic_v<T> || std::is_enum_v<T> || std::is_same_v<T, std::string>;

// Structural equality over every field, whatever operator== the structs have
// (some compare only what orders them).
template <typename T> bool equal(T L, T R);
template <typename T> bool equal(std::vector<T> L, std::vector<T> R);

template <typename Tuple, size_t... I>
bool equalFields(const Tuple &L, const Tuple &R, std::index_sequence<I...>) {
  return (equal(std::get<I>(L), std::get<I>(R)) && ...);
}

template <typename T> bool equal(std::vector<T> L, std::vector<T> R) {
  if (L.size() != R.size())
    return false;
  for (size_t I = 0; I < L.size(); ++I)
    if (!equal(L[I], R[I]))
      return false;
  return true;
}

template <typename T> bool equal(T L, T R) {
  if constexpr (IsLeaf<T>) {
    return L == R;
  } else {
    auto LF = fields(L), RF = fields(R);
    return equalFields(LF, RF, std::make_index_sequence<std::tuple_size_v<decltype(LF)>>());
  }
}

// Sets every field to a value unlike its default and unlike every other
// field's, so a field written under another's name is caught as well.
class Filler {
public:
  template <typename T> void fill(T &X) {
    if constexpr (IsLeaf<T>) {
      fillLeaf(X);
    } else {
      auto F = fields(X);
      std::apply([this](auto &...Field) { (fill(Field), ...); }, F);
    }
  }
  template <typename T> void fill(std::vector<T> &V) {
    V.resize(2);
    for (T &X : V)
      fill(X);
  }

private:
  void fillLeaf(std::string &S) { S = "value " + std::to_string(++Counter); }
  void fillLeaf(unsigned &N) { N = ++Counter; }
  void fillLeaf(bool &B) { B = true; }
  void fillLeaf(ObjectKind &K) { K = ObjectKind::PerCpu; }
  void fillLeaf(UseKind &K) { K = UseKind::AddressVariadic; }
  void fillLeaf(LegacyData &D) { D = LegacyData::Foreign; }
  unsigned Counter = 0;
};

TuFacts roundTrip(const TuFacts &Facts) {
  llvm::json::Value Json = tuFactsToJSON(Facts);
  // Through text, as the cache stores it.
  std::string Text;
  llvm::raw_string_ostream(Text) << Json;
  llvm::Expected<llvm::json::Value> Parsed = llvm::json::parse(Text);
  EXPECT_TRUE(bool(Parsed)) << llvm::toString(Parsed.takeError());
  if (!Parsed)
    return {};
  llvm::Expected<TuFacts> Back = tuFactsFromJSON(*Parsed);
  EXPECT_TRUE(bool(Back)) << llvm::toString(Back.takeError());
  return Back ? std::move(*Back) : TuFacts{};
}

std::string text(const TuFacts &Facts) {
  std::string Text;
  llvm::raw_string_ostream(Text) << tuFactsToJSON(Facts);
  return Text;
}

TEST(TuFactsJson, EveryFieldSurvives) {
  TuFacts Facts;
  Filler().fill(Facts);
  ASSERT_FALSE(equal(Facts, TuFacts{}));
  TuFacts Back = roundTrip(Facts);
  EXPECT_TRUE(equal(Facts, Back)) << text(Facts) << "\nread back as\n" << text(Back);
}

TEST(TuFactsJson, EveryEnumeratorSurvives) {
  for (ObjectKind K : {ObjectKind::Field, ObjectKind::Global, ObjectKind::Static, ObjectKind::Local,
                       ObjectKind::PerCpu})
    EXPECT_EQ(objectKindFromCode(objectKindCode(K)), K);
  for (LegacyData D :
       {LegacyData::None, LegacyData::Container, LegacyData::Constant, LegacyData::Foreign})
    EXPECT_EQ(legacyDataFromCode(legacyDataCode(D)), D);
  for (int K = 0; K <= static_cast<int>(UseKind::AddressVariadic); ++K) {
    TuFacts Facts;
    Facts.Uses.emplace_back();
    Facts.Uses.back().Kind = static_cast<UseKind>(K);
    EXPECT_EQ(roundTrip(Facts).Uses.at(0).Kind, Facts.Uses[0].Kind) << K;
  }
}

TEST(TuFactsJson, CorpusFactsSurvive) {
  SelectionRequest Request;
  Request.Inputs = {DETASKLET_CORPUS_DIR};
  llvm::Expected<TuSelection> Sel = selectTranslationUnits(Request);
  ASSERT_TRUE(bool(Sel)) << llvm::toString(Sel.takeError());
  llvm::Expected<TaskletApi> Api = TaskletApi::loadDefault();
  ASSERT_TRUE(bool(Api)) << llvm::toString(Api.takeError());
  RunOptions Run;
  Run.Jobs = 2;
  std::vector<TuOutcome> Outcomes = collectFacts(*Sel->Database, Sel->Files, *Api, Sel->Root, Run);
  size_t Uses = 0, Functions = 0, Context = 0;
  for (const TuOutcome &O : Outcomes) {
    ASSERT_FALSE(O.Failure) << O.Failure->Message;
    TuFacts Back = roundTrip(O.Facts);
    EXPECT_TRUE(equal(O.Facts, Back)) << O.Facts.MainFile;
    EXPECT_EQ(text(O.Facts), text(Back)) << O.Facts.MainFile;
    Uses += O.Facts.Uses.size();
    Functions += O.Facts.Functions.size();
    Context += O.Facts.Context.Entries.size() + O.Facts.Context.Locks.size() +
               O.Facts.Context.Queries.size();
  }
  // The corpus is meant to exercise the serializer, not just empty TUs.
  EXPECT_GT(Outcomes.size(), 20u);
  EXPECT_GT(Uses, 100u);
  EXPECT_GT(Functions, 20u);
  EXPECT_GT(Context, 0u);
}

llvm::Error readBack(llvm::StringRef Text) {
  llvm::Expected<llvm::json::Value> Json = llvm::json::parse(Text);
  if (!Json)
    return Json.takeError();
  llvm::Expected<TuFacts> Facts = tuFactsFromJSON(*Json);
  return Facts ? llvm::Error::success() : Facts.takeError();
}

TEST(TuFactsJson, RejectsWhatItDoesNotFullyUnderstand) {
  TuFacts Facts;
  Filler().fill(Facts);
  std::string Good = text(Facts);
  EXPECT_FALSE(readBack(Good));

  auto Without = [&](llvm::StringRef From, llvm::StringRef To) {
    std::string Bad = Good;
    size_t At = Bad.find(From.str());
    EXPECT_NE(At, std::string::npos) << From.str();
    if (At != std::string::npos)
      Bad.replace(At, From.size(), To.str());
    return Bad;
  };
  EXPECT_TRUE(llvm::errorToBool(readBack(Without(TuFactsSchema, "detasklet-tu-facts/0"))));
  EXPECT_TRUE(
      llvm::errorToBool(readBack(Without("\"kind\":\"address.variadic\"", "\"kind\":\"x\""))));
  EXPECT_TRUE(llvm::errorToBool(readBack(Without("\"kind\":\"per-cpu\"", "\"kind\":\"x\""))));
  EXPECT_TRUE(llvm::errorToBool(readBack(Without("\"data\":\"foreign\"", "\"data\":\"x\""))));
  EXPECT_TRUE(llvm::errorToBool(readBack(Without("\"line\":", "\"lines\":"))));
  EXPECT_TRUE(llvm::errorToBool(readBack(Without("\"offset\":", "\"offset\":-"))));
  EXPECT_TRUE(
      llvm::errorToBool(readBack(Without("\"callback_cast\":true", "\"callback_cast\":1"))));
  EXPECT_TRUE(llvm::errorToBool(readBack(Without("\"main_file\"", "\"main\""))));
  EXPECT_TRUE(llvm::errorToBool(readBack("[]")));
}

} // namespace
