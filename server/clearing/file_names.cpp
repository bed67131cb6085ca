#include "clearing/file_names.h"

#include "config/participants.h"

namespace cityclear::clearing {

std::string clearing_file_name(uint32_t participant_code, CivilDate day) {
  return "CLR_" + format_institution_code(participant_code) + "_" + format_date(day) + ".txt";
}

std::string reject_file_name(uint32_t acquirer_code, CivilDate day) {
  return "RJT_" + format_institution_code(acquirer_code) + "_" + format_date(day) + ".txt";
}

std::string settlement_file_name(CivilDate day) {
  return "STL_" + format_date(day) + ".txt";
}

std::string day_folder_name(CivilDate day) {
  return format_date(day);
}

}  // namespace cityclear::clearing
