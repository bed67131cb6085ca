#include <catch2/catch.hpp>

#include "net/auth.h"
#include "support/sample_config.h"
#include "support/test_paths.h"

using namespace cityclear;
using namespace cityclear::net;

namespace {
HttpRequestHead head_with_token(const std::string& authorization) {
  HttpRequestHead head;
  head.method = "GET";
  head.path = "/v1/blacklist";
  if (!authorization.empty()) head.headers.push_back({"authorization", authorization});
  return head;
}
}  // namespace

TEST_CASE("the bearer token is read from the Authorization header", "[auth]") {
  CHECK(bearer_token("Bearer abc") == "abc");
  CHECK(bearer_token("bearer   abc  ") == "abc");
  CHECK_FALSE(bearer_token("Basic abc"));
  CHECK_FALSE(bearer_token("Bearer "));
  CHECK_FALSE(bearer_token("Bearerabc"));
  CHECK_FALSE(bearer_token(""));
}

TEST_CASE("access: 401 without a known token, 403 for the wrong role", "[auth]") {
  Participants participants = load_participants(testing::samples_dir() / "participants.json");
  std::string participant = "Bearer " + testing::sample_token("33010001");
  std::string operator_token = "Bearer " + testing::sample_token("operator");

  CHECK_FALSE(check_access(Access::anyone, head_with_token(""), participants).refusal);
  CHECK(check_access(Access::any_caller, head_with_token(""), participants).refusal->status == 401);
  CHECK(check_access(Access::any_caller, head_with_token("Bearer nobody"), participants)
            .refusal->status == 401);
  CHECK(check_access(Access::any_caller, head_with_token("Basic dXNlcg=="), participants)
            .refusal->status == 401);

  AccessCheck as_participant =
      check_access(Access::participant, head_with_token(participant), participants);
  CHECK_FALSE(as_participant.refusal);
  CHECK(as_participant.caller->participant_code == 33010001);
  CHECK(caller_label(as_participant.caller) == "33010001");

  CHECK(check_access(Access::participant, head_with_token(operator_token), participants)
            .refusal->status == 403);
  CHECK(check_access(Access::operator_only, head_with_token(participant), participants)
            .refusal->status == 403);
  AccessCheck as_operator =
      check_access(Access::operator_only, head_with_token(operator_token), participants);
  CHECK_FALSE(as_operator.refusal);
  CHECK(caller_label(as_operator.caller) == "operator");
  CHECK(caller_label(std::nullopt) == "-");
}
