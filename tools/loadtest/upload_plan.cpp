#include "loadtest/upload_plan.h"

#include <fstream>
#include <iterator>
#include <map>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "loadtest/gzip_body.h"
#include "loadtest/http_connection.h"

namespace cityclear::load {
namespace {

using nlohmann::json;

std::string read_whole_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

json read_json(const std::string& path) {
  return json::parse(read_whole_file(path));
}

// The acquirer code of a TB1 header (columns 25-32 of the first line); empty when unreadable.
std::string header_acquirer(const std::string& bytes) {
  if (bytes.size() < 32) return {};
  std::string code = bytes.substr(24, 8);
  for (char c : code) {
    if (c < '0' || c > '9') return {};
  }
  return code;
}

std::string token_of(const json& tokens, const std::string& acquirer) {
  if (acquirer.empty() || !tokens.contains(acquirer) || !tokens[acquirer].is_string()) return {};
  return tokens[acquirer].get<std::string>();
}

// Files without a token can only go over TCP (the file MAC authenticates the acquirer there).
Transport transport_for(size_t position, bool has_token, const PlanOptions& options) {
  if (!has_token ||
      (options.tcp_every > 0 && position % static_cast<size_t>(options.tcp_every) == 0)) {
    return Transport::tcp;
  }
  if (options.gzip_every > 0 && position % static_cast<size_t>(options.gzip_every) == 0)
    return Transport::http_gzip;
  return Transport::http;
}

Upload prepare_upload(const std::string& path, const std::string& name, const json& tokens,
                      const Endpoint& http, Transport wanted) {
  Upload upload;
  upload.name = name;
  upload.body = read_whole_file(path);
  upload.file_bytes = upload.body.size();
  std::string token = token_of(tokens, header_acquirer(upload.body));
  upload.transport = token.empty() ? Transport::tcp : wanted;
  if (upload.transport == Transport::http_gzip) upload.body = gzip_compress(upload.body);
  if (upload.transport != Transport::tcp) {
    upload.http_head = batch_request_head(http, token, upload.body.size(),
                                          upload.transport == Transport::http_gzip);
  }
  return upload;
}

// A file that must come after every earlier one: it repeats an earlier record (03) or reuses an
// earlier batch id (F04).
bool depends_on_earlier_files(const json& expectation) {
  if (expectation.value("reason", json()) == "F04") return true;
  const json by_reason = expectation.value("by_reason", json::object());
  return by_reason.contains("03") && by_reason["03"].get<int64_t>() > 0;
}

std::vector<Wave> cut_waves(const std::vector<bool>& starts_wave) {
  std::vector<Wave> waves;
  for (size_t i = 0; i < starts_wave.size(); ++i) {
    if (waves.empty() || starts_wave[i]) waves.push_back(Wave{i, i});
    waves.back().end = i + 1;
  }
  return waves;
}

}  // namespace

const char* transport_name(Transport transport) {
  switch (transport) {
    case Transport::http: return "http";
    case Transport::http_gzip: return "http-gzip";
    case Transport::tcp: return "tcp";
  }
  return "?";
}

UploadPlan load_upload_plan(const PlanOptions& options) {
  json expected = read_json(options.day_dir + "/expected.json");
  json tokens = read_json(options.day_dir + "/tokens.json");
  std::map<std::string, json> expectation_by_name;
  for (const json& file : expected.at("files"))
    expectation_by_name[file.at("file").get<std::string>()] = file;
  UploadPlan plan;
  std::vector<bool> starts_wave;
  for (const json& entry : expected.at("upload_order")) {
    std::string name = entry.get<std::string>();
    size_t position = plan.uploads.size() + 1;
    Transport wanted = transport_for(position, true, options);
    plan.uploads.push_back(
        prepare_upload(options.day_dir + "/" + name, name, tokens, options.http, wanted));
    auto found = expectation_by_name.find(name);
    starts_wave.push_back(found != expectation_by_name.end() &&
                          depends_on_earlier_files(found->second));
  }
  plan.waves = cut_waves(starts_wave);
  return plan;
}

Upload load_single_upload(const std::string& path, const std::string& day_dir,
                          const Endpoint& http) {
  json tokens = read_json(day_dir + "/tokens.json");
  std::string name = path.substr(path.find_last_of('/') + 1);
  return prepare_upload(path, name, tokens, http, Transport::http);
}

}  // namespace cityclear::load
