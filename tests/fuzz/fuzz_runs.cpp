// SPDX-License-Identifier: GPL-3.0-or-later
// Harness: the studio's run list (ui/train, RunStore::load) on an arbitrary runs.json. The
// folder also holds a valid model file for the run id "r1", so that well-formed entries load
// their model. Whatever runs.json holds, load() must report problems, never crash or throw;
// every run it keeps must describe itself and write itself back as JSON.

#include "fuzzsupport.h"

#include "ui/train/runrecord.h"

#include "core/io/modelfile.h"

#include <QJsonDocument>
#include <QString>

using namespace tinyml;

namespace {

const std::filesystem::path &runsFolder()
{
    static const std::filesystem::path folder = [] {
        const auto f = fuzz::scratchFolder() / "runs";
        std::filesystem::create_directories(f);
        core::ModelSpec spec;
        spec.inputSize = 4;
        spec.layers = {{3, core::Activation::Relu}, {2, core::Activation::Softmax}};
        core::Network net(spec);
        net.initialize(1);
        core::saveModel(f / "r1.tmlm", net, nullptr, {{"dataset", "mnist"}});
        return f;
    }();
    return folder;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const auto &folder = runsFolder();
    fuzz::writeBytes(folder / "runs.json", {data, size});
    ui::RunStore store(QString::fromStdString(folder.string()));
    QString problems;
    store.load(&problems);
    for (const auto &run : store.runs()) {
        (void)run.settingsText();
        const QJsonObject json = run.toJson();
        if (QJsonDocument(json).toJson().isEmpty())
            fuzz::finding("a loaded run does not write itself as JSON");
    }
    return 0;
}
