#pragma once
// Names of the day's files (clearing.md) and of their folder under output_dir.
#include <cstdint>
#include <string>

#include "common/local_time.h"

namespace cityclear::clearing {

std::string clearing_file_name(uint32_t participant_code,
                               CivilDate day);  // CLR_<participant>_<YYYYMMDD>.txt
std::string reject_file_name(uint32_t acquirer_code,
                             CivilDate day);      // RJT_<acquirer>_<YYYYMMDD>.txt
std::string settlement_file_name(CivilDate day);  // STL_<YYYYMMDD>.txt
std::string day_folder_name(CivilDate day);       // YYYYMMDD

}  // namespace cityclear::clearing
