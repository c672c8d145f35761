// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <exception>
#include <functional>
#include <stop_token>

namespace tinyml::core {

/// Thrown by a long computation when its Progress's stop token was triggered. Not an Error:
/// nothing went wrong, the caller asked for the stop and drops the result.
class Cancelled : public std::exception
{
public:
    const char *what() const noexcept override { return "The computation was cancelled."; }
};

/// Lets the caller of a long computation stop it and follow it. Both parts are optional; the
/// default neither stops nor reports. The computation calls advance() between chunks of work on
/// its own thread, so report must be thread-safe.
struct Progress
{
    std::stop_token stop;
    /// done of total units (e.g. images) so far; called from the computing thread.
    std::function<void(std::int64_t done, std::int64_t total)> report;

    /// Throws Cancelled when a stop was requested, else reports done of total.
    void advance(std::int64_t done, std::int64_t total) const
    {
        if (stop.stop_requested())
            throw Cancelled();
        if (report)
            report(done, total);
    }

    /// The same stop token; done of total reported as the span [begin, end) of overallTotal,
    /// for one stage of a computation made of several.
    Progress stage(std::int64_t begin, std::int64_t end, std::int64_t overallTotal) const
    {
        Progress part;
        part.stop = stop;
        if (report)
            part.report = [report = report, begin, end, overallTotal](std::int64_t done,
                                                                      std::int64_t total) {
                report(begin + (end - begin) * done / (total > 0 ? total : 1), overallTotal);
            };
        return part;
    }
};

} // namespace tinyml::core
