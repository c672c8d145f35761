// SPDX-License-Identifier: GPL-3.0-or-later
#include "options.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>

namespace tinyml::app {

Options::Options(const std::vector<std::string> &args, const std::set<std::string> &valued,
                 const std::set<std::string> &flags)
{
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string &arg = args[i];
        if (arg.rfind("--", 0) != 0 || arg == "--") {
            m_positional.push_back(arg);
            continue;
        }
        std::string name = arg.substr(2);
        std::optional<std::string> inlineValue;
        if (const auto eq = name.find('='); eq != std::string::npos) {
            inlineValue = name.substr(eq + 1);
            name = name.substr(0, eq);
        }
        if (valued.count(name)) {
            if (inlineValue) {
                m_values[name] = *inlineValue;
            } else {
                if (i + 1 >= args.size())
                    throw UsageError("option --" + name + " needs a value");
                const std::string &next = args[i + 1];
                // `--out --json` is a forgotten value, not a file named "--json"; such a value
                // can still be given as --out=--json.
                if (next.size() > 2 && next.rfind("--", 0) == 0)
                    throw UsageError("option --" + name + " needs a value, but " + next
                                     + " follows it (write --" + name + "=" + next
                                     + " if that is the value)");
                m_values[name] = args[++i];
            }
        } else if (flags.count(name)) {
            if (inlineValue)
                throw UsageError("option --" + name + " takes no value");
            m_flags.insert(name);
        } else {
            throw UsageError("unknown option --" + name);
        }
    }
}

std::optional<std::string> Options::value(const std::string &name) const
{
    const auto it = m_values.find(name);
    if (it == m_values.end())
        return std::nullopt;
    return it->second;
}

std::string Options::text(const std::string &name, const std::string &fallback) const
{
    return value(name).value_or(fallback);
}

int Options::integer(const std::string &name, int fallback, int min, int max) const
{
    const auto v = value(name);
    if (!v)
        return fallback;
    errno = 0;
    char *end = nullptr;
    const long parsed = std::strtol(v->c_str(), &end, 10);
    if (v->empty() || *end != '\0' || errno == ERANGE || parsed < min || parsed > max)
        throw UsageError("--" + name + " must be a whole number from " + std::to_string(min)
                         + " to " + std::to_string(max) + ", not '" + *v + "'");
    return int(parsed);
}

double Options::number(const std::string &name, double fallback, double min, double max) const
{
    const auto v = value(name);
    if (!v)
        return fallback;
    char *end = nullptr;
    const double parsed = std::strtod(v->c_str(), &end);
    if (v->empty() || *end != '\0' || !std::isfinite(parsed) || parsed < min || parsed > max)
        throw UsageError("--" + name + " must be a number from " + std::to_string(min) + " to "
                         + std::to_string(max) + ", not '" + *v + "'");
    return parsed;
}

std::vector<int> Options::integerList(const std::string &name, const std::vector<int> &fallback,
                                      int min, int max) const
{
    const auto v = value(name);
    if (!v)
        return fallback;
    std::vector<int> out;
    std::size_t start = 0;
    while (start <= v->size()) {
        const auto comma = v->find(',', start);
        const std::string part = v->substr(start, comma == std::string::npos ? std::string::npos
                                                                             : comma - start);
        char *end = nullptr;
        errno = 0;
        const long parsed = std::strtol(part.c_str(), &end, 10);
        if (part.empty() || *end != '\0' || errno == ERANGE || parsed < min || parsed > max)
            throw UsageError("--" + name + " takes comma-separated whole numbers from "
                             + std::to_string(min) + " to " + std::to_string(max) + ", not '"
                             + *v + "'");
        out.push_back(int(parsed));
        if (comma == std::string::npos)
            break;
        start = comma + 1;
    }
    return out;
}

} // namespace tinyml::app
