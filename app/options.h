// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace tinyml::app {

/// A bad command line: printed as one line on stderr, exit code 2.
class UsageError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

/// `--name value`, `--name=value` and `--flag` options plus positional arguments. A separate
/// value that looks like an option (`--out --json`) is refused; `--out=--json` is accepted.
/// A pure function of its arguments: no I/O, throws only UsageError (and std::bad_alloc).
class Options
{
public:
    /// valued: options that take a value; flags: options that do not.
    Options(const std::vector<std::string> &args, const std::set<std::string> &valued,
            const std::set<std::string> &flags);

    bool flag(const std::string &name) const { return m_flags.count(name) != 0; }
    std::optional<std::string> value(const std::string &name) const;
    std::string text(const std::string &name, const std::string &fallback) const;
    int integer(const std::string &name, int fallback, int min, int max) const;
    double number(const std::string &name, double fallback, double min, double max) const;
    std::vector<int> integerList(const std::string &name, const std::vector<int> &fallback,
                                 int min, int max) const;
    const std::vector<std::string> &positional() const { return m_positional; }

private:
    std::map<std::string, std::string> m_values;
    std::set<std::string> m_flags;
    std::vector<std::string> m_positional;
};

} // namespace tinyml::app
