// SPDX-License-Identifier: GPL-3.0-or-later
// Harness: the command-line option parser of `tinyml` (app/options.cpp). The bytes are a
// command line, one argument per line; the options are those of `tinyml train`. Then every
// option is read as `train` reads it. A bad command line must give a UsageError (exit code 2),
// and a value the parser accepts must lie in the range asked for.

#include "fuzzsupport.h"

#include "app/options.h"

#include <string>
#include <vector>

using namespace tinyml;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    std::vector<std::string> args;
    std::string current;
    for (std::size_t i = 0; i < size; ++i) {
        if (data[i] == '\n') {
            args.push_back(current);
            current.clear();
        } else {
            current += char(data[i]);
        }
    }
    if (!current.empty())
        args.push_back(current);

    try {
        const app::Options o(args,
                             {"hidden", "activation", "optimizer", "lr", "momentum", "batch-size",
                              "epochs", "loss", "init", "l2", "dropout", "validation-split",
                              "early-stopping", "subset", "seed", "data", "dataset", "out",
                              "threads", "resume"},
                             {"json", "augment", "nesterov", "validate-on-test"});
        for (int h : o.integerList("hidden", {128}, 0, 65536))
            if (h < 0 || h > 65536)
                fuzz::finding("--hidden accepted a size out of range");
        const int epochs = o.integer("epochs", 5, 1, 100000);
        if (epochs < 1 || epochs > 100000)
            fuzz::finding("--epochs accepted a value out of range");
        const int seed = o.integer("seed", 42, 0, 2147483647);
        if (seed < 0)
            fuzz::finding("--seed accepted a negative value");
        const double lr = o.number("lr", 0.001, 1e-9, 1e6);
        if (!(lr >= 1e-9 && lr <= 1e6))
            fuzz::finding("--lr accepted a value out of range");
        const double split = o.number("validation-split", 0.0, 0.0, 0.9);
        if (!(split >= 0.0 && split <= 0.9))
            fuzz::finding("--validation-split accepted a value out of range");
        (void)o.text("activation", "relu");
        (void)o.value("out");
        (void)o.flag("json");
        (void)o.positional();
    } catch (const app::UsageError &) {
        // A clear one-line message and exit code 2.
    }
    return 0;
}
