// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <stdexcept>
#include <string>

namespace tinyml::core {

/// The one exception type of the engine: bad files, bad settings, bad data.
/// what() is a complete sentence for the user, naming the file and the reason.
class Error : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

} // namespace tinyml::core
