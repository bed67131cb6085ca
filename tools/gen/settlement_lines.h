#pragma once
// Line layouts of the CLR1, RJT1 and STL1 files (shared/spec/clearing.md), one function per line
// type. Every field has its exact width: decimal zero-padded on the left, hex uppercase, signed
// figures a sign ('+' for zero and above, '-' below) and 14 digits. Every line ends in LF.
#include <cstdint>
#include <string>
#include <string_view>

#include "gen/clearing_ledger.h"

namespace cityclear::gen {

// Sign and 14 digits of the magnitude: 15 characters.
std::string signed_15(int64_t value);

// CLR1 header, 29 chars: "H" "CLR1" participant(8) date(8) detail count(8).
std::string clr_header(uint32_t participant, std::string_view date, int64_t detail_count);
// CLR1 detail, 127 chars: "D" role(1: A acquired inter-city, I issued inter-city, L local)
// counterparty(8; the participant itself for L) issuer(8) ASN(20) counter(5) transaction type(2
// hex) amount(10) fee(10; zero unless A) transaction time(14) batch id(20) record sequence(8)
// terminal(12 hex) terminal serial(8 hex).
std::string clr_detail(char role, uint32_t counterparty, const AcceptedEntry& entry, int64_t fee,
                       std::string_view batch_id);
// CLR1 summary, 67 chars: "S" counterparty(8) receivable count(8) receivable amount(14)
// payable count(8) payable amount(14) fees(14).
std::string clr_summary(uint32_t counterparty, const Flow& receivable, const Flow& payable);
// CLR1 trailer without its SHA-256, 66 chars: "T" detail count(8) receivable(14) payable(14)
// fees(14) net(15, signed); the caller appends SHA-256(64 hex) of every byte before this line, and
// LF.
std::string clr_trailer_fields(int64_t detail_count, const Position& position);

// RJT1 header, 29 chars: "H" "RJT1" acquirer(8) date(8) count(8).
std::string rjt_header(uint32_t acquirer, std::string_view date, int64_t count);
// RJT1 detail, 88 chars: "D" batch id(20) record sequence(8) reason(2) issuer(8) ASN(20)
// counter(5) amount(10) transaction time(14).
std::string rjt_detail(const RejectedEntry& entry, std::string_view batch_id);
// RJT1 trailer without its SHA-256, 9 chars: "T" count(8).
std::string rjt_trailer_fields(int64_t count);

// STL1 header, 21 chars: "H" "STL1" date(8) participant count(8, the center included).
std::string stl_header(std::string_view date, int64_t participant_count);
// STL1 detail, 66 chars: "D" participant(8) receivable(14) payable(14) fees(14) net(15, signed).
std::string stl_detail(const Position& position);
// STL1 trailer without its SHA-256, 24 chars: "T" count(8) sum of nets(15, signed).
std::string stl_trailer_fields(int64_t count, int64_t sum_of_nets);

}  // namespace cityclear::gen
